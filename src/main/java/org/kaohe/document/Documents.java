package org.kaohe.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The documents the assessment sends out, generated with POI: the request for the party committee's evaluation
 * and the feedback letter (.docx, official layout), and the results workbook (.xlsx). Pure: data in, bytes out.
 */
public interface Documents {

  byte[] partyEvaluationRequest(PartyEvaluationRequest request);

  byte[] feedbackLetter(FeedbackLetter letter);

  byte[] resultsWorkbook(ResultsTable table);

  /** The notice as published, laid out as an official document (GB/T 9704), ready to print and stamp. */
  byte[] publishedNotice(PublishedNotice notice);

  /**
   * A published notice. {@code documentNumber} (发文字号, e.g. 粤团办发〔2026〕1号) may be null: the office adds it
   * when it registers the document. {@code body} is the plain text the office edited: lines starting "一、" … are
   * headings; its first line, ending with "：", is the addressees (主送机关).
   */
  record PublishedNotice(
      String documentNumber,
      String title,
      String body,
      List<String> attachments,
      List<Contact> contacts,
      String issuer,
      LocalDate issuedOn) {}

  /** The letter to a city's party committee asking its leader in charge of league work to evaluate it. */
  record PartyEvaluationRequest(
      String organisationName,
      int year,
      String roundTitle,
      String partyCommittee,
      String unitName,
      LocalDate dueDate,
      LocalDate issuedOn,
      List<Contact> contacts) {}

  /** The feedback letter to the party leader in charge: the unit's total, grade, rank and every component. */
  record FeedbackLetter(
      String organisationName,
      int year,
      String roundTitle,
      String partyCommittee,
      String unitName,
      List<ComponentLine> components,
      BigDecimal bonusPoints,
      BigDecimal lateDeduction,
      BigDecimal total,
      String gradeName,
      int rank,
      int rankedUnits,
      List<AreaComment> areaComments,
      LocalDate issuedOn) {}

  /** A weighted component: 指标评价 60% 88.50. {@code note} says when a missing-component rule or entry applied. */
  record ComponentLine(String name, int weightPercent, BigDecimal score, String note) {}

  /** A lead department's grade, score and comment on one area. */
  record AreaComment(String areaName, String departmentName, String gradeName, BigDecimal score, String comment) {}

  record Contact(String name, String phone, String email) {}

  /** The results workbook: one row per assessed unit, and the grade names in order for the summary sheet. */
  record ResultsTable(String title, List<String> gradeNames, List<ResultRow> rows) {}

  record ResultRow(
      String unitCode,
      String unitName,
      String kindName,
      BigDecimal indicatorEvaluation,
      BigDecimal partyEvaluation,
      BigDecimal youthSurvey,
      BigDecimal oralReport,
      BigDecimal bonusPoints,
      BigDecimal lateDeduction,
      BigDecimal total,
      String gradeName,
      int rank,
      String notes) {}
}
