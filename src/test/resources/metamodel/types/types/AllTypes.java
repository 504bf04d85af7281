package types;

import jakarta.persistence.*;
import java.math.*;
import java.time.*;
import java.util.*;
import org.hibernate.annotations.Check;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.FractionalSeconds;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Nationalized;
import org.hibernate.type.SqlTypes;

/** One column of every common Java type, and a few Hibernate type annotations. */
@Entity
@Table(name = "all_types")
@org.hibernate.annotations.Comment("every type")
public class AllTypes {
    public enum Color { RED, GREEN, BLUE }

    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    String plainString;
    @Column(length = 40, nullable = false) String shortString;
    @Column(length = 100000) String longString;
    @Lob String lobString;
    @Lob byte[] lobBytes;
    char aChar;
    Character boxedChar;
    boolean aBoolean;
    Boolean boxedBoolean;
    byte aByte;
    short aShort;
    int anInt;
    long aLong;
    float aFloat;
    double aDouble;
    BigDecimal defaultDecimal;
    @Column(precision = 10, scale = 2) BigDecimal price;
    BigInteger bigInteger;
    LocalDate localDate;
    LocalTime localTime;
    LocalDateTime localDateTime;
    Instant instant;
    OffsetDateTime offsetDateTime;
    ZonedDateTime zonedDateTime;
    OffsetTime offsetTime;
    UUID uuid;
    byte[] bytes;
    @Column(length = 16) byte[] shortBytes;
    @Enumerated(EnumType.ORDINAL) Color ordinalColor;
    @Enumerated(EnumType.STRING) Color stringColor;
    Duration duration;
    @Temporal(TemporalType.TIMESTAMP) java.util.Date utilDate;
    @Temporal(TemporalType.DATE) java.util.Date utilDateOnly;
    @Temporal(TemporalType.TIME) java.util.Date utilTime;
    java.sql.Timestamp sqlTimestamp;
    Year year;
    @Column(columnDefinition = "varchar(12) default 'x'") String custom;
    @ColumnDefault("42") @org.hibernate.annotations.Comment("the answer") int answer;
    @Check(constraints = "positive > 0") int positive;
    @Column(precision = 3) LocalDateTime lowPrecision;
    java.net.URL url;
    Locale locale;
    Currency currency;
    ZoneId zoneId;
    Class<?> clazz;
    @Column(unique = true) String uniqueCode;
    @Version int version;
    Short boxedShort;
    Long boxedLong;
    Integer boxedInt;
    Float boxedFloat;
    Double boxedDouble;
    java.sql.Date sqlDate;
    java.sql.Time sqlTime;
    @Nationalized String nationalized;
    @Nationalized @Column(length = 30) String shortNationalized;
    @Lob @Nationalized String nationalizedLob;
    @Column(length = 10) char[] charArray;
    @FractionalSeconds(3) Instant millisInstant;
    @FractionalSeconds(0) LocalDateTime secondsDateTime;
    @JdbcTypeCode(SqlTypes.JSON) Map<String, Object> json;
    @Column(precision = 5) BigDecimal precisionOnly;
    @Column(precision = 20, scale = 0) BigInteger wholeNumber;
    @Column(length = 5000) byte[] largeBytes;
    @Column(length = 16777216) String hugeText;
    @Lob @Column(length = 1000) String smallLob;
}
