package indexes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

@Entity
@Table(indexes = {
        @Index(name = "ix_article_title", columnList = "title"),
        @Index(name = "ix_article_author", columnList = "author"),
        @Index(name = "ix_article_year", columnList = "pubYear"),
        @Index(name = "ix_article_slug", columnList = "slug")},
        uniqueConstraints = @UniqueConstraint(name = "uk_article_title_lang", columnNames = {"title", "lang"}))
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

    @Column(length = 20)
    String code;
}
