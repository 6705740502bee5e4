package org.kaohe.round;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.kaohe.document.Documents;
import org.kaohe.document.PoiPackageWorkbooks;
import org.kaohe.organisation.Organisation;
import org.kaohe.support.Now;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The notice as the official document that goes out with the round (seed 000's layout): the attachments are the
 * catalogue and the two tables every city fills, the issuer is the organisation's office, the date is the day of
 * publication (today while the notice is still a draft).
 */
@Component
public class NoticeDocument {

  private final Documents documents;
  private final Organisation organisation;
  private final Rounds rounds;
  private final ZoneId zone;

  NoticeDocument(Documents documents, Organisation organisation, Rounds rounds,
      @Value("${kaohe.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.documents = documents;
    this.organisation = organisation;
    this.rounds = rounds;
    this.zone = zone;
  }

  /** The .docx of {@code notice}; {@code roundId} (may be null) dates it by the round's publication. */
  public byte[] docx(Notice notice, String roundId) {
    LocalDate issuedOn = (roundId == null ? java.util.Optional.<java.time.OffsetDateTime>empty()
        : rounds.publishedAt(roundId))
        .map(at -> at.atZoneSameInstant(zone).toLocalDate())
        .orElseGet(() -> Now.in(zone).toLocalDate());
    return documents.publishedNotice(publishedNotice(notice, issuedOn));
  }

  Documents.PublishedNotice publishedNotice(Notice notice, LocalDate issuedOn) {
    List<String> attachments = new ArrayList<>();
    if (notice.catalogue() != null && !notice.catalogue().areas().isEmpty()) {
      attachments.add(notice.catalogue().title());
    }
    attachments.add(PoiPackageWorkbooks.keyWorkTitle(notice));
    attachments.add(PoiPackageWorkbooks.evaluationTitle(notice));
    List<Documents.Contact> contacts = notice.contacts().stream()
        .map(c -> new Documents.Contact(c.name(), c.phone(), c.email())).toList();
    return new Documents.PublishedNotice(notice.documentNumber(), notice.title(), notice.body(), attachments, contacts, issuer(),
        issuedOn);
  }

  /** 团省委办公室: the organisation's short name and its office's name. */
  String issuer() {
    String office = organisation.unit(organisation.officeUnit()).map(Organisation.Unit::name).orElse("办公室");
    return (organisation.shortName() == null ? "" : organisation.shortName()) + office;
  }
}
