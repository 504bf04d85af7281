package shop;

import jakarta.persistence.*;

@Entity
public class Flag {
    @Id long id;
    @Convert(converter = YesNoConverter.class) @Column(length = 1) Boolean active;
    @Convert(converter = org.hibernate.type.YesNoConverter.class) Boolean hibernateYesNo;
    @Convert(converter = org.hibernate.type.NumericBooleanConverter.class) boolean numeric;
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON) java.util.Map<String, String> attributes;
}
