package shop;

import jakarta.persistence.*;

/** A converter of the model itself, applied with @Convert: the column holds 'Y' or 'N'. */
@Converter(autoApply = false)
public class YesNoConverter implements AttributeConverter<Boolean, String> {
    @Override public String convertToDatabaseColumn(Boolean b) { return b == null ? null : b ? "Y" : "N"; }
    @Override public Boolean convertToEntityAttribute(String s) { return s == null ? null : s.equals("Y"); }
}
