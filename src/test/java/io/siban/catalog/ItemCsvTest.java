package io.siban.catalog;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ItemCsvTest {

    @Test
    void readsQuotedCellsListsAndLimits() {
        var rows = ItemCsv.parse("""
                code,name,department,level,category,committedLimit,statutoryLimit,requiredDocuments,onlineCapable,dailyQuota
                A-1,"事项, 第1号",导入局,city,TIME_LIMITED,5,20,申请表;身份证,是,
                A-2,即办,导入局,CITY,IMMEDIATE,PT20M,1,,false,30
                """);
        assertThat(rows).hasSize(2);
        var first = rows.get(0).item();
        assertThat(rows.get(0).error()).isNull();
        assertThat(first.name()).isEqualTo("事项, 第1号");
        assertThat(first.level()).isEqualTo(Level.CITY);
        assertThat(first.committedLimit()).isEqualTo(Limit.days(5));
        assertThat(first.requiredDocuments()).containsExactly("申请表", "身份证");
        assertThat(first.onlineCapable()).isTrue();
        assertThat(first.dailyQuota()).isNull();
        var second = rows.get(1).item();
        assertThat(second.committedLimit()).isEqualTo(Limit.of(Duration.ofMinutes(20)));
        assertThat(second.dailyQuota()).isEqualTo(30);
    }

    @Test
    void aBadCellRejectsOnlyItsRow() {
        var rows = ItemCsv.parse("""
                code,name,department,level,category,statutoryLimit,onlineCapable,dailyQuota
                A-1,x,y,CITY,TIME_LIMITED,20,true,many
                A-2,x,y,CITY,IMMEDIATE,1,true,
                """);
        assertThat(rows.get(0).error().field()).isEqualTo("dailyQuota");
        assertThat(rows.get(1).error()).isNull();
    }
}
