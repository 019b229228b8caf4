// Chinese first, English on the toggle; the choice is remembered on the device.
const TEXT = {
  zh: { nowCalling: '正在叫号', windows: '窗口', window: '窗口', calling: '叫号', status: '状态', waiting: '等候', queue: '队列',
        waitingCount: '等候人数', estimate: '预计等候', recent: '最近叫号', OPEN: '开放', PAUSED: '暂停', CLOSED: '关闭',
        announce: (n, w) => `请 ${n} 号到 ${w} 号窗口办理`, minutes: m => `${m} 分钟`, chooseDepartment: '请选择办事部门',
        chooseItem: '请选择办理事项', priority: '优先窗口（老人、残疾人、孕妇、军人）', yourNumber: '您的号码', ahead: '前面等候',
        people: '人', estimated: '预计等候', back: '返回', retry: '重试', quota: '今日该事项号源已取完', closed: '大厅当前不办理此事项',
        network: '网络异常，正在重试…', track: '手机查看进度', login: '登录', slaCounts: '办件监察', open: '在办', paused: '暂停',
        yellow: '黄牌', red: '红牌', legalBreach: '超法定时限', queues: '排队', alerts: '黄牌 / 红牌办件', card: '警示',
        caseNumber: '办件编号', item: '事项', department: '部门', remaining: '剩余工作时间', total: '合计', supervision: '电子监察',
        progress: '进度查询', near: '快到您了，请在等候区留意叫号', look: '查询', WAITING: '等候中', SERVING: '办理中', DONE: '已办结', NO_SHOW: '过号', CANCELLED: '已取消', EXPIRED: '已过期',
        SUBMITTED: '已提交', ACCEPTED: '已受理', IN_REVIEW: '审查中', APPROVED: '准予许可', REJECTED: '不予许可', DELIVERED: '已送达',
        NOT_ACCEPTED: '不予受理', SUSPENDED: '暂停计时', FORWARDED: '已报送上级', RETURNED: '上级已反馈', WITHDRAWN: '已撤回',
        CALLED: '已叫号', openWindow: '开窗', pauseWindow: '暂停', callNext: '叫号', recall: '重呼', noShow: '过号',
        startService: '开始办理', transfer: '转队列', completed: '当场办结', caseAccepted: '受理办件', missingDocs: '材料不全（一次性告知）',
        consultation: '咨询', nobodyWaiting: '当前无人等候', appointment: '预约码（扫码或输入）', windowsLive: '窗口', appointmentStart: '预约取号', appointmentTitle: '请扫描或输入预约码', checkIn: '签到取号', appointmentWindow: (from, until) => `不在您预约时段的签到时间内（${from}–${until}），请取普通号`, appointmentUnknown: '预约码无效，或该预约已取消、已使用', ordinaryTicket: '取普通号',
        pairTitle: '请输入配对码', pairHint: '由管理员为本机生成的一次性配对码', pair: '配对', pairFailed: '配对码无效、已使用或已过期，请向管理员重新获取',
        pairTooMany: '尝试次数过多，请稍后再试', pairNotKiosk: '此配对码不是取号机的', unpaired: '本机已失效，请重新配对',
        IMMEDIATE: '即收即办', SAME_DAY: '当日办结', TIME_LIMITED: '限时办结', PROXY: '代办服务',
        KIOSK: '现场取号', MOBILE: '手机', APPOINTMENT: '预约', ONLINE: '网上', SELF_SERVICE: '自助', WINDOW: '窗口',
        kpis: '绩效指标', trend: '近30日趋势', byDepartment: '各部门（本月）', byWindow: '各窗口（本月）',
        byChannel: '窗口与网上渠道（本月）', csv: '下载 CSV', today: '今日', thisMonth: '本月', completionRate: '办结率',
        onTimeRate: '按时办结率', speedUpRate: '提速率', satisfiedShare: '满意率', servedWithin15MinShare: '等候达标率',
        waitP90: '等候时长 P90', channel: '渠道', issued: '取号', served: '服务人数', accepted: '受理', closed: '办结',
        serviceP50: '办理时长 P50', utilisation: '窗口利用率', items: '事项数', lists: '四办清单', scorecard: '晒成绩单',
        waitP50: '等候时长 P50', month: '月份', redCards: '红牌',
        rate: '评价', rateTitle: '服务评价', howSatisfied: '您对本次服务满意吗？', score5: '非常满意', score4: '满意',
        score3: '基本满意', score2: '不满意', score1: '非常不满意', dimensionsHint: '分项评价（可选）', attitude: '服务态度',
        efficiency: '办事效率', quality: '办理质量', integrity: '廉洁自律', commentLabel: '意见建议（可选，500 字以内）',
        send: '提交评价', thanks: '感谢您的评价！我们会认真对待每一条意见。', chooseScore: '请选择满意程度', ratingTicket: n => `号码 ${n}`,
        rectifications: '差评整改', rectCounts: '差评整改监察', hall: '大厅', rectOpen: '在办', contactOverdue: '回访超期',
        contactDue: '回访期限', rectifyDue: '整改期限', note: '备注（整改、申诉、复核必填）', steps: '处理记录', overdue: '已超期',
        stale: '该整改已被他人更新，已重新载入，请核对后再操作。', noRectifications: '暂无差评整改', TICKET: '窗口服务', CASE: '办件',
        r_OPEN: '待回访', r_CONTACTED: '已回访', r_RECTIFIED: '已整改', r_CLOSED: '已销号', r_APPEALED: '申诉中', r_EXCLUDED: '已剔除',
        a_OPEN: '差评生成', a_CONTACT: '已回访', a_RECTIFY: '整改完成', a_CLOSE: '销号', a_APPEAL: '申诉', a_EXCLUDE: '剔除评价', a_UPHOLD: '驳回申诉',
        c_GREEN: '正常', c_YELLOW: '黄牌', c_RED: '红牌', c_LEGAL_BREACH: '超法定时限', stage_LOCAL: '本级初审', accountability: '超时问责（近30日）',
        explanation: '说明', unexplained: '未说明', explain: '填写说明', cause: '原因', responsible: '责任人', remedy: '整改措施',
        at: '时间', save: '保存', cancel: '取消', clerk: '工作人员' },
  en: { nowCalling: 'Now calling', windows: 'Windows', window: 'Window', calling: 'Calling', status: 'Status', waiting: 'Waiting',
        queue: 'Queue', waitingCount: 'Waiting', estimate: 'Est. wait', recent: 'Recent calls', OPEN: 'Open', PAUSED: 'Paused',
        CLOSED: 'Closed', announce: (n, w) => `Number ${n}, please go to window ${w}`, minutes: m => `${m} min`,
        chooseDepartment: 'Choose a department', chooseItem: 'Choose a service', priority: 'Priority (elderly, disabled, pregnant, military)',
        yourNumber: 'Your number', ahead: 'Ahead of you', people: '', estimated: 'Estimated wait', back: 'Back', retry: 'Retry',
        quota: "Today's numbers for this service are used up", closed: 'This service is not available in the hall now',
        network: 'Network problem, retrying…', track: 'Follow on your phone', login: 'Log in', slaCounts: 'Cases against deadlines',
        open: 'Open', paused: 'Paused', yellow: 'Yellow', red: 'Red', legalBreach: 'Legal breach', queues: 'Queues',
        alerts: 'Yellow / red cases', card: 'Card', caseNumber: 'Case', item: 'Service', department: 'Department',
        remaining: 'Working time left', total: 'Total', supervision: 'Supervision', progress: 'Progress', near: 'Your turn is near: please stay in the waiting area', look: 'Look up',
        WAITING: 'Waiting', SERVING: 'Being served', DONE: 'Done', NO_SHOW: 'Missed', CANCELLED: 'Cancelled', EXPIRED: 'Expired', SUBMITTED: 'Submitted',
        ACCEPTED: 'Accepted', IN_REVIEW: 'In review', APPROVED: 'Approved', REJECTED: 'Rejected', DELIVERED: 'Delivered',
        NOT_ACCEPTED: 'Not accepted', SUSPENDED: 'Clock paused', FORWARDED: 'Sent upstream', RETURNED: 'Back from upstream',
        WITHDRAWN: 'Withdrawn', CALLED: 'Called', openWindow: 'Open', pauseWindow: 'Pause', callNext: 'Call next',
        recall: 'Recall', noShow: 'No-show', startService: 'Start', transfer: 'Transfer', completed: 'Completed',
        caseAccepted: 'Accept case', missingDocs: 'Documents missing', consultation: 'Consultation', nobodyWaiting: 'Nobody is waiting',
        appointment: 'Appointment code (scan or type)', windowsLive: 'Windows', appointmentStart: 'I have an appointment', appointmentTitle: 'Scan or type your appointment code', checkIn: 'Check in', appointmentWindow: (from, until) => `Outside your slot's check-in time (${from}–${until}) — take an ordinary ticket`, appointmentUnknown: 'This code is unknown, or the appointment was cancelled or used', ordinaryTicket: 'Take an ordinary ticket',
        pairTitle: 'Enter the pairing code', pairHint: 'A one-time code the administrator created for this device', pair: 'Pair',
        pairFailed: 'The code is wrong, used or expired; ask the administrator for a new one',
        pairTooMany: 'Too many attempts; please wait a minute', pairNotKiosk: 'This code is not for a kiosk',
        unpaired: 'This kiosk is no longer paired; please pair it again',
        IMMEDIATE: 'Immediate', SAME_DAY: 'Same day', TIME_LIMITED: 'Time-limited', PROXY: 'Proxy',
        KIOSK: 'Kiosk', MOBILE: 'Mobile', APPOINTMENT: 'Appointment', ONLINE: 'Online', SELF_SERVICE: 'Self-service',
        WINDOW: 'Window', kpis: 'KPIs', trend: 'Last 30 days', byDepartment: 'By department (this month)',
        byWindow: 'By window (this month)', byChannel: 'Windows and online (this month)', csv: 'Download CSV',
        today: 'Today', thisMonth: 'This month', completionRate: 'Completion', onTimeRate: 'On time',
        speedUpRate: 'Speed-up', satisfiedShare: 'Satisfied', servedWithin15MinShare: 'Called within 15 min',
        waitP90: 'Wait P90', channel: 'Channel', issued: 'Issued', served: 'Served', accepted: 'Accepted', closed: 'Closed',
        serviceP50: 'Service P50', utilisation: 'Utilisation', items: 'Items', lists: 'Published lists', scorecard: 'Scorecard',
        waitP50: 'Wait P50', month: 'Month', redCards: 'Red cards',
        rate: 'Rate', rateTitle: 'Rate the service', howSatisfied: 'How satisfied are you with the service?',
        score5: 'Very satisfied', score4: 'Satisfied', score3: 'Fair', score2: 'Dissatisfied', score1: 'Very dissatisfied',
        dimensionsHint: 'In detail (optional)', attitude: 'Attitude', efficiency: 'Efficiency', quality: 'Quality',
        integrity: 'Integrity', commentLabel: 'Comments (optional, up to 500 characters)', send: 'Send',
        thanks: 'Thank you for your rating! Every comment is followed up.', chooseScore: 'Please choose a level',
        ratingTicket: n => `Number ${n}`, rectifications: 'Bad ratings to answer', rectCounts: 'Bad ratings against deadlines',
        hall: 'Hall', rectOpen: 'Open', contactOverdue: 'Contact overdue', contactDue: 'Contact by', rectifyDue: 'Rectify by',
        note: 'Note (required to rectify, appeal or review)', steps: 'Steps', overdue: 'Overdue',
        stale: 'Someone else changed this rectification; it has been reloaded. Check it and try again.',
        noRectifications: 'No bad ratings to answer', TICKET: 'Window visit', CASE: 'Case',
        r_OPEN: 'To contact', r_CONTACTED: 'Contacted', r_RECTIFIED: 'Rectified', r_CLOSED: 'Closed', r_APPEALED: 'Appealed',
        r_EXCLUDED: 'Excluded', a_OPEN: 'Opened', a_CONTACT: 'Contacted', a_RECTIFY: 'Rectified', a_CLOSE: 'Close', a_APPEAL: 'Appeal',
        a_EXCLUDE: 'Exclude rating', a_UPHOLD: 'Reject appeal', c_GREEN: 'On time', c_YELLOW: 'Yellow', c_RED: 'Red',
        c_LEGAL_BREACH: 'Legal breach', stage_LOCAL: 'local pre-review', accountability: 'Accountability (last 30 days)', explanation: 'Explanation',
        unexplained: 'Unexplained', explain: 'Explain', cause: 'Cause', responsible: 'Responsible', remedy: 'Remedy', at: 'At',
        save: 'Save', cancel: 'Cancel', clerk: 'Clerk' }
};
export let lang = localStorage.getItem('siban.lang') || 'zh';
export const t = (key, ...args) => { const v = TEXT[lang][key]; return typeof v === 'function' ? v(...args) : (v ?? key); };
export function applyTexts() {
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}
export function bindToggle(button, onChange) {
  button.textContent = lang === 'zh' ? 'EN' : '中文';
  button.addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('siban.lang', lang);
    button.textContent = lang === 'zh' ? 'EN' : '中文';
    applyTexts();
    onChange && onChange();
  });
}
export function minutes(iso) {
  if (!iso) return '—';
  const m = /PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?/.exec(iso);
  if (!m) return iso;
  const total = (+(m[1] || 0)) * 60 + (+(m[2] || 0)) + Math.round((+(m[3] || 0)) / 60);
  return t('minutes', total);
}
