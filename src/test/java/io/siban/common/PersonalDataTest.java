package io.siban.common;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The canonical form of ID numbers, their GB 11643 check character, and masks that never show a short number whole. */
class PersonalDataTest {
    @Test
    void anIdNumberWrittenWithDashesSpacesOrASmallXIsOneForm() {
        assertThat(PersonalData.canonical(" 620102-19900101-123x ")).isEqualTo("62010219900101123X");
        assertThat(PersonalData.maskId("620102-199001011233")).isEqualTo(PersonalData.maskId("620102199001011233"))
                .isEqualTo("620102********1233");
    }

    @Test
    void theCheckCharacterOfEighteenCharacterNumbersIsChecked() {
        assertThat(PersonalData.idCheckCharacter("11010519491231002")).isEqualTo('X'); // the standard's own example
        assertThat(PersonalData.idCheckHolds("11010519491231002X")).isTrue();
        assertThat(PersonalData.idCheckHolds("110105194912310021")).isFalse();
        assertThat(PersonalData.idCheckHolds("E12345678")).isTrue(); // not a resident number: no check character to test
        Random random = new Random(17);
        for (int i = 0; i < 200; i++) {
            String body = String.format("%017d", Math.floorMod(random.nextLong(), 100_000_000_000_000_000L));
            char right = PersonalData.idCheckCharacter(body);
            assertThat(PersonalData.idCheckHolds(body + right)).isTrue();
            char wrong = "0123456789X".charAt(("0123456789X".indexOf(right) + 1 + random.nextInt(10)) % 11);
            assertThat(PersonalData.idCheckHolds(body + wrong)).as(body + wrong).isFalse();
        }
    }

    @Test
    void aShortPhoneIsNeverShownWhole() {
        assertThat(PersonalData.maskPhone("13812345678")).isEqualTo("138****5678");
        assertThat(PersonalData.maskPhone("8765432")).isEqualTo("*****32").doesNotContain("8765");
        assertThat(PersonalData.maskPhone("0931876543")).isEqualTo("********43");
    }
}
