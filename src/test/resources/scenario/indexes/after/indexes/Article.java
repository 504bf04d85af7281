package indexes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * ix_article_title is dropped and ix_article_category added; ix_article_author gains a column,
 * ix_article_year turns descending, ix_article_slug becomes unique. The unique constraint on (title, lang)
 * makes way for one on (slug, lang), and code becomes unique on its own.
 */
@Entity
@Table(indexes = {
        @Index(name = "ix_article_author", columnList = "author, pubYear"),
        @Index(name = "ix_article_year", columnList = "pubYear desc"),
        @Index(name = "ix_article_slug", columnList = "slug", unique = true),
        @Index(name = "ix_article_category", columnList = "category")},
        uniqueConstraints = @UniqueConstraint(name = "uk_article_slug_lang", columnNames = {"slug", "lang"}))
public class Article {
    @Id
    Long id;

    @Column(length = 200)
    String title;

    @Column(length = 100)
    String slug;

    @Column(length = 100)
    String author;

    int pubYear;

    @Column(length = 50)
    String category;

    @Column(length = 5)
    String lang;

    @Column(length = 20, unique = true)
    String code;
}
