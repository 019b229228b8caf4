package io.siban.rating;

/** The optional dimensions of a rating (国办发〔2019〕51号), by their names in the API. */
public enum Dimension {
    /** 服务态度 */
    ATTITUDE("attitude"),
    /** 办事效率 */
    EFFICIENCY("efficiency"),
    /** 办理质量 */
    QUALITY("quality"),
    /** 廉洁自律 */
    INTEGRITY("integrity");

    private final String field;

    Dimension(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The dimension of an API name, or null. */
    public static Dimension of(String field) {
        for (Dimension d : values()) {
            if (d.field.equals(field)) {
                return d;
            }
        }
        return null;
    }
}
