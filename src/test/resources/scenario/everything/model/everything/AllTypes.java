package everything;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Temporal;
import jakarta.persistence.TemporalType;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Year;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.hibernate.annotations.Check;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.Comment;

/** One column of every common Java type: a fresh upgrade of it must leave check with nothing to report. */
@Entity
@Table(name = "all_types")
@Comment("every common type")
@Check(name = "ck_all_types_positive", constraints = "positive > 0")
public class AllTypes {
    public enum Color { RED, GREEN, BLUE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(length = 50) String shortString;
    String plainString;
    @Column(length = 2000, nullable = false) String longString;
    @Lob String lobString;
    char aChar;
    Character boxedChar;
    boolean aBoolean;
    Boolean boxedBoolean;
    byte aByte;
    Byte boxedByte;
    short aShort;
    Short boxedShort;
    int anInt;
    Integer boxedInt;
    long aLong;
    Long boxedLong;
    float aFloat;
    Float boxedFloat;
    double aDouble;
    Double boxedDouble;
    BigDecimal defaultDecimal;
    @Column(precision = 10, scale = 2) BigDecimal price;
    @Column(precision = 5) BigDecimal precisionOnly;
    BigInteger bigInteger;
    LocalDate localDate;
    LocalTime localTime;
    LocalDateTime localDateTime;
    @Column(precision = 3) LocalDateTime millisDateTime;
    Instant instant;
    OffsetDateTime offsetDateTime;
    ZonedDateTime zonedDateTime;
    OffsetTime offsetTime;
    Duration duration;
    UUID uuid;
    byte[] bytes;
    @Column(length = 16) byte[] shortBytes;
    @Lob byte[] lobBytes;
    @Enumerated(EnumType.STRING) Color stringColor;
    @Enumerated(EnumType.ORDINAL) Color ordinalColor;
    @Enumerated(EnumType.STRING) @Column(length = 10, nullable = false) Color requiredColor;
    @Temporal(TemporalType.TIMESTAMP) java.util.Date utilDate;
    @Temporal(TemporalType.DATE) java.util.Date utilDateOnly;
    @Temporal(TemporalType.TIME) java.util.Date utilTime;
    Year year;
    @Column(columnDefinition = "varchar(12) default 'x'") String custom;
    @ColumnDefault("42") @Comment("the answer") int answer;
    @ColumnDefault("'draft'") @Column(length = 10) String state;
    @ColumnDefault("1.5") @Column(precision = 6, scale = 2) BigDecimal rate;
    @ColumnDefault("true") Boolean enabled;
    @ColumnDefault("current_timestamp") LocalDateTime createdAt;
    int positive;
    @Column(unique = true, length = 30) String uniqueCode;
    @Version int version;
}
