package org.minka.submission;

/** The open licences a team may choose for its work (SPDX identifiers). */
enum Licence {
    CC_BY_4_0("CC-BY-4.0"),
    CC_BY_SA_4_0("CC-BY-SA-4.0"),
    CC0_1_0("CC0-1.0"),
    ODBL_1_0("ODbL-1.0"),
    MIT("MIT"),
    APACHE_2_0("Apache-2.0"),
    GPL_3_0("GPL-3.0-only");

    private final String spdx;

    Licence(String spdx) {
        this.spdx = spdx;
    }

    String spdx() {
        return spdx;
    }

    static boolean isKnown(String spdx) {
        for (Licence l : values()) {
            if (l.spdx.equals(spdx)) {
                return true;
            }
        }
        return false;
    }
}
