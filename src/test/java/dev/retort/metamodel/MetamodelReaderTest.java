package dev.retort.metamodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import java.nio.file.Path;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every mapping feature of the {@code mapping} and {@code types} models yields the expected model objects. */
class MetamodelReaderTest {

    private static Table table(DatabaseKind kind, String name) {
        return table("mapping", kind, name);
    }

    private static Table table(String model, DatabaseKind kind, String name) {
        Schema schema = Models.schema(model, kind);
        return schema.tables().stream().filter(t -> t.name().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name + " in " + tableNames(schema)));
    }

    private static Set<String> tableNames(Schema schema) {
        return schema.tables().stream().map(t -> t.name().toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static List<String> columnNames(Table table) {
        return table.columns().stream().map(Column::name).toList();
    }

    private static Column column(Table table, String name) {
        return table.columns().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + name + " in " + columnNames(table)));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void singleTableInheritanceIsOneTableWithADiscriminatorAndItsChecks(DatabaseKind kind) {
        Table vehicle = table(kind, "Vehicle");
        assertEquals(List.of("DTYPE", "id", "plate", "doors", "payload"), columnNames(vehicle));
        assertEquals(Column.of("DTYPE", ColumnType.varchar(31)).notNull(), column(vehicle, "DTYPE"));
        assertEquals(List.of(Check.of(null, "DTYPE in ('Vehicle','Car','BIG')"),
                        Check.of(null, "DTYPE <> 'BIG' or (payload is not null)")),
                vehicle.checks());
        Set<String> names = tableNames(Models.schema("mapping", kind));
        assertFalse(names.contains("Car") || names.contains("Truck"), names.toString());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void joinedInheritanceSharesThePrimaryKeyThroughAForeignKey(DatabaseKind kind) {
        Table card = table(kind, "CardPayment");
        assertEquals(PrimaryKey.of("payment_id"), card.primaryKey());
        assertEquals(List.of(ForeignKey.of("FKpjtjdvswbkjcmkcw3p9i4pmeq", List.of("payment_id"), TableName.of("Payment"), List.of("id"))),
                card.foreignKeys());
        Table cash = table(kind, "CashPayment");
        assertEquals(List.of("receiptPrinted", "id"), columnNames(cash));
        assertEquals(List.of("id"), cash.foreignKeys().get(0).referencedColumns());
        assertEquals(Column.of("amount", ColumnType.numeric(12, 2)).notNull(),
                column(table(kind, "Payment"), "amount"));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void tablePerClassGivesEachConcreteClassAFullTableAndTheAbstractRootNone(DatabaseKind kind) {
        assertFalse(tableNames(Models.schema("mapping", kind)).contains("Animal"));
        assertEquals(List.of("id", "name", "goodBoy"), columnNames(table(kind, "Dog")));
        assertEquals(List.of("id", "name", "lives"), columnNames(table(kind, "Cat")));
        assertEquals(ColumnType.varchar(255), column(table(kind, "Dog"), "name").type());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aSequenceIsASequenceInTheModelOnEveryDatabase(DatabaseKind kind) {
        // Hibernate's SQLite dialect makes it a seeded one-row table; the model keeps the sequence, its start and
        // increment, so that a migration written on SQLite creates a sequence elsewhere (the DDL writes the table)
        Schema schema = Models.schema("mapping", kind);
        assertEquals(List.of(Sequence.of("Animal_SEQ", 1, 50), Sequence.of("payment_seq", 100, 10)), schema.sequences());
        assertFalse(tableNames(schema).contains("Animal_SEQ"));
        assertFalse(tableNames(schema).contains("payment_seq"));
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void sequencesAreExportedAsHibernateExportsThem(DatabaseKind kind) {
        Schema schema = Models.schema("mapping", kind);
        assertEquals(List.of(Sequence.of("Animal_SEQ", 1, 50), Sequence.of("payment_seq", 100, 10)), schema.sequences());
        Set<String> names = tableNames(schema);
        assertFalse(names.contains("Animal_SEQ") || names.contains("payment_seq"), names.toString());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void tableGeneratorsGetTheirTableAndSeedRowEverywhere(DatabaseKind kind) {
        Table idGen = table(kind, "id_gen");
        assertEquals(List.of(Column.of("gen_name", ColumnType.varchar(255)).notNull(), Column.of("gen_val", ColumnType.bigint())),
                idGen.columns());
        assertEquals(PrimaryKey.of("gen_name"), idGen.primaryKey());
        assertEquals(List.of("insert into id_gen(gen_name, gen_val) values ('course',1000)"), idGen.initCommands());
        assertEquals(List.of("insert into hibernate_sequences(sequence_name, next_val) values ('default',0)"),
                table("types", kind, "hibernate_sequences").initCommands());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void embeddablesAndAttributeOverridesBecomeColumns(DatabaseKind kind) {
        Table customer = table(kind, "customer");
        assertEquals(List.of("id", "code", "email", "firstName", "city", "street", "zip_code", "lastName",
                "work_city", "work_street", "work_zip"), columnNames(customer));
        assertEquals(Column.of("work_zip", ColumnType.varchar(10)), column(customer, "work_zip"));
        assertEquals(Column.of("id", ColumnType.bigint()).asIdentity(), column(customer, "id"));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void elementCollectionsGetTablesKeyedToTheirOwner(DatabaseKind kind) {
        Table tags = table(kind, "Customer_tags");
        assertEquals(List.of(Column.of("Customer_id", ColumnType.bigint()).notNull(), Column.of("tags", ColumnType.varchar(255))),
                tags.columns());
        assertEquals(null, tags.primaryKey());
        assertEquals(List.of(ForeignKey.of("FKk60cij0b8n9wya1e4de92dhem", List.of("Customer_id"), TableName.of("customer"), List.of("id"))),
                tags.foreignKeys());
        assertEquals(List.of(UniqueKey.of("UKanbtnywqb32yhbiop8bxymx3o", "Customer_id", "tags")), tags.uniqueKeys());

        Table addresses = table(kind, "customer_address");
        // ordered as Hibernate's create DDL orders key columns: by size, then name
        assertEquals(PrimaryKey.of("position", "customer_id"), addresses.primaryKey());
        assertEquals(List.of(Check.of(null, "position>=0")), addresses.checks());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void manyToManyJoinTablesResolveImplicitReferencedColumns(DatabaseKind kind) {
        Table join = table(kind, "course_student");
        assertEquals(PrimaryKey.of("student_number", "course_id", "student_school"), join.primaryKey());
        assertEquals(List.of(
                        ForeignKey.of("FK4cfqdhs70bwvcgd1qinlyoan6", List.of("course_id"), TableName.of("Course"), List.of("id")),
                        ForeignKey.of("FK551vsib43wk84g3fj8kaut104", List.of("student_number", "student_school"),
                                TableName.of("Student"), List.of("number", "school"))),
                join.foreignKeys());
        assertEquals(PrimaryKey.of("number", "school"), table(kind, "Student").primaryKey());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void oneToOneIsAUniqueForeignKeyWithItsOnDeleteAction(DatabaseKind kind) {
        Table profile = table(kind, "CustomerProfile");
        assertEquals(List.of(ForeignKey.of("fk_profile_customer", List.of("customer_id"), TableName.of("customer"), List.of("id"))
                .onDelete(FkAction.CASCADE)), profile.foreignKeys());
        assertEquals(List.of(UniqueKey.of("UK9n9yoelwx0sb6826fdyk5tshr", "customer_id")), profile.uniqueKeys());
        assertFalse(column(profile, "customer_id").nullable());
        assertEquals(ColumnType.sql("text"), column(profile, "bio").type(), "a columnDefinition is kept verbatim");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void foreignKeysToOtherColumnsAndWithoutConstraint(DatabaseKind kind) {
        Table invoice = table(kind, "Invoice");
        assertEquals(List.of(ForeignKey.of("FKrskhbr4nu79m9rwuff3bo95bl", List.of("customer_code"), TableName.of("customer"), List.of("code"))
                .onDelete(FkAction.SET_NULL)), invoice.foreignKeys(), "ConstraintMode.NO_CONSTRAINT gives no key");
        assertTrue(invoice.column("payment_id").isPresent());
        // MariaDB's schemas are its databases (catalogs): Hibernate drops a schema it cannot write
        assertEquals(kind == DatabaseKind.MARIADB ? TableName.of("Invoice") : TableName.of("billing", "Invoice"), invoice.name());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void quotedAndReservedNamesAreSpelledWithoutQuotes(DatabaseKind kind) {
        Table order = table(kind, "Order");
        assertEquals(TableName.of("Order"), order.name());
        assertEquals(List.of("id", "from", "select", "group_id"), columnNames(order));
        assertEquals(List.of(ForeignKey.of("FKie16cqmm1dd7dgtda3n9iaown", List.of("group_id"), TableName.of("group"), List.of("id"))),
                order.foreignKeys());
        assertEquals(List.of("id", "order", "user"), columnNames(table(kind, "group")));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void indexesKeepOrderAndDirectionAndUniqueIndexesBecomeUniqueKeys(DatabaseKind kind) {
        Table customer = table(kind, "customer");
        assertEquals(List.of(Index.of("idx_customer_name", "lastName desc", "firstName")), customer.indexes());
        // Hibernate turns @Index(unique = true) into a unique constraint of the same name
        assertEquals(List.of(
                        UniqueKey.of("UKrm1bp9bhtiih5foj17t8l500j", "code"),
                        UniqueKey.of("idx_customer_email", "email"),
                        UniqueKey.of("uk_customer_name_birth", "firstName", "lastName")),
                customer.uniqueKeys());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void checksFromAnnotationsConvertersAndTheTableLevel(DatabaseKind kind) {
        assertEquals(List.of(Check.of("ck_customer_names", "firstName <> lastName")), table(kind, "customer").checks());
        assertEquals(List.of(Check.of(null, "discount between 0 and 100"), Check.of("ck_invoice_total", "total >= 0"),
                Check.of("ck_invoice_discounted", "discount = 0 or total > 0")), table(kind, "Invoice").checks());
        assertEquals(List.of(Check.of(null, "active in ('N','Y')"), Check.of(null, "hibernateYesNo in ('N','Y')"),
                Check.of(null, "numeric in (0,1)")), table(kind, "Flag").checks());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void enumsBooleansDefaultsCommentsAndIdentity(DatabaseKind kind) {
        Table all = table("types", kind, "all_types");
        assertEquals("every type", all.comment());
        assertEquals(Column.of("answer", ColumnType.integer()).notNull().withDefault("42").withComment("the answer"),
                column(all, "answer"));
        assertEquals(Column.of("id", ColumnType.bigint()).asIdentity(), column(all, "id"));
        assertTrue(all.checks().contains(Check.of(null, "ordinalColor between 0 and 2")));
        assertTrue(all.checks().contains(Check.of(null, "positive > 0")));
        if (kind == DatabaseKind.MARIADB) {
            // MariaDB has an enum type, so Hibernate needs no check for a STRING enum there
            assertEquals(ColumnType.sql("enum ('BLUE','GREEN','RED')"), column(all, "stringColor").type());
            assertFalse(all.checks().stream().anyMatch(c -> c.expression().contains("stringColor")));
        } else {
            assertEquals(ColumnType.varchar(255), column(all, "stringColor").type());
            assertTrue(all.checks().contains(Check.of(null, "stringColor in ('RED','GREEN','BLUE')")));
        }
        // the default of a columnDefinition is reported apart from the type by every database
        assertEquals(ColumnType.sql("varchar(12)"), column(all, "custom").type());
        assertEquals("'x'", column(all, "custom").defaultValue());
        assertEquals(List.of(UniqueKey.of("UKtqcqvteqxdv4k7sfcknm0iqyh", "uniqueCode")), all.uniqueKeys());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void typesCarryOnlyTheParametersTheyTake(DatabaseKind kind) {
        Table all = table("types", kind, "all_types");
        assertEquals(ColumnType.varchar(40), column(all, "shortString").type());
        // NUMERIC renders as decimal(10,2) on MariaDB
        assertEquals(ColumnType.numeric(10, 2), column(all, "price").type());
        assertEquals(ColumnType.of(Types.DATE), column(all, "localDate").type());
        // timestamp precision only where the dialect's type takes one
        assertEquals(kind == DatabaseKind.SQLITE ? ColumnType.of(Types.TIMESTAMP) : ColumnType.timestamp(6),
                column(all, "localDateTime").type());
        assertEquals(kind == DatabaseKind.SQLITE ? ColumnType.of(SqlTypes.TIMESTAMP_UTC)
                : ColumnType.of(SqlTypes.TIMESTAMP_UTC, null, 3, null), column(all, "millisInstant").type());
        // a UUID is a UUID in the model everywhere (so that migrations carry it portably); the DDL renders it as the
        // binary(16) Hibernate uses where the database has no uuid type
        assertEquals(ColumnType.of(SqlTypes.UUID), column(all, "uuid").type());
        // a length a LOB type ignores is dropped; MariaDB picks tinytext ... longtext by it
        assertEquals(kind == DatabaseKind.MARIADB ? ColumnType.of(Types.CLOB, 1000L, null, null) : ColumnType.clob(),
                column(all, "smallLob").type());
        assertEquals(ColumnType.character(1), column(all, "aChar").type());
        // a foreign key column to a UUID key takes the key's DDL type
        assertEquals(column(table("types", kind, "UuidOwner"), "id").type(), column(table("types", kind, "UuidChild"), "owner_id").type());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void thePhysicalNamingStrategyNamesEverything(DatabaseKind kind) {
        Schema schema = MetamodelReader.read(Models.entities("bookstore"), kind,
                "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
        Set<String> expected = new java.util.TreeSet<>(Set.of("author", "book", "book_author", "book_detail", "publisher", "review"));
        assertEquals(List.of(Sequence.of("review_seq", 1, 50)), schema.sequences());
        assertEquals(expected, tableNames(schema));
        Table book = schema.table("book").orElseThrow();
        assertTrue(columnNames(book).containsAll(List.of("published_on", "publisher_id")), columnNames(book).toString());
        assertEquals(TableName.of("publisher"), book.foreignKeys().get(0).referencedTable());
        assertEquals(List.of(Index.of("idx_book_title", "title")), book.indexes());
    }

    @Test
    void theDefaultSchemaSettingQualifiesUnqualifiedTablesAndSequences() {
        Schema schema = MetamodelReader.read(Models.entities("bookstore"), DatabaseKind.POSTGRESQL,
                Map.of("hibernate.default_schema", "store"));
        assertTrue(schema.tables().stream().allMatch(t -> "store".equals(t.name().schema())), tableNames(schema).toString());
        assertEquals(List.of(new Sequence(TableName.of("store", "Review_SEQ"), 1, 50)), schema.sequences());
        assertEquals(TableName.of("store", "Publisher"),
                schema.table(TableName.of("store", "Book")).orElseThrow().foreignKeys().get(0).referencedTable());
    }

    @Test
    void aUuidIsAUuidInTheModelWhateverTheVersion() {
        // without a connection Hibernate assumes its oldest supported MariaDB (10.6), which has no uuid type: it
        // writes binary(16) there, and so does Retort's DDL for the UUID of the model
        assertEquals(ColumnType.of(SqlTypes.UUID), column(table("types", DatabaseKind.MARIADB, "all_types"), "uuid").type());
        Schema mariaDb114 = MetamodelReader.read(Models.entities("types"), DatabaseKind.MARIADB,
                Map.of("jakarta.persistence.database-major-version", "11", "jakarta.persistence.database-minor-version", "4"));
        assertEquals(ColumnType.of(SqlTypes.UUID), column(mariaDb114.table("all_types").orElseThrow(), "uuid").type());
    }

    @Test
    void aMappingHibernateRejectsIsOneLine(@TempDir Path tmp) {
        Path src = tmp.resolve("src");
        EntityLoaderTest.write(src, "bad/Shelf.java", """
                package bad;

                import jakarta.persistence.*;

                @Entity
                public class Shelf {
                    @Id Long id;
                    @OneToMany java.util.List<String> books;
                }
                """);
        try (EntityClasses entities = EntityLoader.load(List.of(src))) {
            EntityLoadException e = assertThrows(EntityLoadException.class, () -> MetamodelReader.read(entities, DatabaseKind.SQLITE));
            assertTrue(e.getMessage().startsWith("Hibernate rejects the entity mapping: "), e.getMessage());
            assertTrue(e.getMessage().contains("bad.Shelf.books"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
