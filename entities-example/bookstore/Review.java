package bookstore;

import jakarta.persistence.CheckConstraint;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

@Entity
public class Review {

    /** A sequence: a real one on PostgreSQL and MariaDB, a one-row table on SQLite. */
    @Id
    @GeneratedValue
    private Long id;

    @ManyToOne(optional = false)
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Book book;

    @Column(nullable = false, check = @CheckConstraint(name = "ck_review_rating", constraint = "rating between 1 and 5"))
    private int rating;

    @Column(length = 2000)
    private String body;

    @Column(nullable = false)
    private Instant createdAt;

    protected Review() {
    }

    public Review(Book book, int rating, String body, Instant createdAt) {
        this.book = book;
        this.rating = rating;
        this.body = body;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public Book getBook() { return book; }
    public int getRating() { return rating; }
    public String getBody() { return body; }
    public Instant getCreatedAt() { return createdAt; }
}
