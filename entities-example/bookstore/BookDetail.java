package bookstore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;

/** Details kept apart from the book row; shares the book's id. */
@Entity
public class BookDetail {

    @Id
    private Long id;

    @MapsId
    @OneToOne(optional = false)
    private Book book;

    private int pages;

    @Column(length = 20)
    private String language;

    private String description;

    protected BookDetail() {
    }

    public BookDetail(Book book, int pages, String language) {
        this.book = book;
        this.pages = pages;
        this.language = language;
    }

    public Long getId() { return id; }
    public Book getBook() { return book; }
    public int getPages() { return pages; }
    public String getLanguage() { return language; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
}
