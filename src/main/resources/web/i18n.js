// Chinese first, English on the toggle; the choice is remembered on the device.
const TEXT = {
  zh: { nowCalling: '正在叫号', windows: '窗口', window: '窗口', calling: '叫号', status: '状态', waiting: '等候', queue: '队列',
        waitingCount: '等候人数', estimate: '预计等候', recent: '最近叫号', OPEN: '开放', PAUSED: '暂停', CLOSED: '关闭',
        announce: (n, w) => `请 ${n} 号到 ${w} 号窗口办理`, minutes: m => `${m} 分钟`, chooseDepartment: '请选择办事部门',
        chooseItem: '请选择办理事项', priority: '优先窗口（老人、残疾人、孕妇、军人）', yourNumber: '您的号码', ahead: '前面等候',
        people: '人', estimated: '预计等候', back: '返回', retry: '重试', quota: '今日该事项号源已取完', closed: '大厅当前不办理此事项',
        network: '网络异常，正在重试…', track: '手机查看进度' },
  en: { nowCalling: 'Now calling', windows: 'Windows', window: 'Window', calling: 'Calling', status: 'Status', waiting: 'Waiting',
        queue: 'Queue', waitingCount: 'Waiting', estimate: 'Est. wait', recent: 'Recent calls', OPEN: 'Open', PAUSED: 'Paused',
        CLOSED: 'Closed', announce: (n, w) => `Number ${n}, please go to window ${w}`, minutes: m => `${m} min`,
        chooseDepartment: 'Choose a department', chooseItem: 'Choose a service', priority: 'Priority (elderly, disabled, pregnant, military)',
        yourNumber: 'Your number', ahead: 'Ahead of you', people: '', estimated: 'Estimated wait', back: 'Back', retry: 'Retry',
        quota: "Today's numbers for this service are used up", closed: 'This service is not available in the hall now',
        network: 'Network problem, retrying…', track: 'Follow on your phone' }
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
