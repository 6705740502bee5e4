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
    String body = contacts.isEmpty() ? notice.body() : withoutTrailingContacts(notice.body());
    return new Documents.PublishedNotice(notice.documentNumber(), notice.title(), body, attachments, contacts,
        issuer(), issuedOn);
  }

  /**
   * The body without the contact lines the office typed at its end (the template ends with "联系人：…"): the
   * document prints the contacts from the notice's list after the attachments, where the standard puts them, and
   * would otherwise print them twice.
   */
  static String withoutTrailingContacts(String body) {
    if (body == null) {
      return null;
    }
    List<String> lines = new ArrayList<>(body.lines().toList());
    while (!lines.isEmpty()) {
      String last = lines.get(lines.size() - 1).strip();
      if (last.isEmpty() || CONTACT_LINE.matcher(last).lookingAt()) {
        lines.remove(lines.size() - 1);
      } else {
        break;
      }
    }
    return String.join("\n", lines);
  }

  private static final java.util.regex.Pattern CONTACT_LINE =
      java.util.regex.Pattern.compile("(联系人|联系电话|电话|电子邮箱|邮箱|E-?mail)\\s*[：:]", java.util.regex.Pattern.CASE_INSENSITIVE);

  /** 团省委办公室: the organisation's short name and its office's name. */
  String issuer() {
    String office = organisation.unit(organisation.officeUnit()).map(Organisation.Unit::name).orElse("办公室");
    return (organisation.shortName() == null ? "" : organisation.shortName()) + office;
  }
}
