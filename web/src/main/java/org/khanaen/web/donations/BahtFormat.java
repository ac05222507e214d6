package org.khanaen.web.donations;

import org.khanaen.donations.Baht;
import org.springframework.stereotype.Component;

/** Templates write money as {@code ${@baht.format(satang)}}: ฿1,234.00. */
@Component("baht")
class BahtFormat {

    public String format(long satang) {
        return Baht.format(satang);
    }

    /** Whole baht for a form field: 500, 1000. */
    public String whole(long satang) {
        return String.valueOf(satang / Baht.SATANG);
    }
}
