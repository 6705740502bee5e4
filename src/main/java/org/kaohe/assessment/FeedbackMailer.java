package org.kaohe.assessment;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.kaohe.support.Now;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mails a feedback letter to the unit's party leader in charge. The mail leaves only after the engine's
 * transaction commits (a rolled-back, retried job sends nothing twice), and {@code mailed_to} / {@code mailed_at} are
 * written then, in their own transaction, only when the mail server accepted it.
 */
@Component
class FeedbackMailer {

  private static final Logger log = LoggerFactory.getLogger(FeedbackMailer.class);

  private final ObjectProvider<JavaMailSender> mailSender;
  private final MailProperties mailProperties;
  private final AssessmentDocuments documents;
  private final TransactionTemplate newTransaction;
  private final String from;
  private final java.time.ZoneId zone;

  FeedbackMailer(ObjectProvider<JavaMailSender> mailSender, MailProperties mailProperties,
      AssessmentDocuments documents, PlatformTransactionManager transactionManager,
      @Value("${kaohe.mail.from:kaohe@localhost}") String from,
      @Value("${kaohe.time-zone:Asia/Shanghai}") java.time.ZoneId zone) {
    this.zone = zone;
    this.mailSender = mailSender;
    this.mailProperties = mailProperties;
    this.documents = documents;
    this.newTransaction = new TransactionTemplate(transactionManager);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.from = from;
  }

  /** Whether mail is configured at all; without a host, letters are dispatched by hand. */
  boolean enabled() {
    return mailProperties.getHost() != null && !mailProperties.getHost().isBlank();
  }

  void mailAfterCommit(String roundId, String unitCode, String to, String subject, String body, String fileName,
      byte[] attachment) {
    Runnable send = () -> {
      try {
        JavaMailSender sender = mailSender.getObject();
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(to);
        helper.setSubject(subject);
        helper.setText(body);
        helper.addAttachment(fileName, new ByteArrayResource(attachment), ComponentDelegates.DOCX);
        sender.send(message);
        newTransaction.executeWithoutResult(status -> documents.mailed(roundId, AssessmentDocuments.FEEDBACK_LETTER,
            unitCode, to, Now.in(zone)));
      } catch (MailException | MessagingException e) {
        log.warn("Could not mail the feedback letter of {} to {}: {}", unitCode, to, e.getMessage());
      }
    };
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          send.run();
        }
      });
    } else {
      send.run();
    }
  }
}
