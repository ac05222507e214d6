package org.khanaen.elections;

public record ProvinceRef(String code, LocalizedName name) {
}
