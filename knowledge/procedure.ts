import { z } from "zod";

/** One way to submit a dossier (in person, online, by post) with its processing time and fee. */
export const submissionChannelSchema = z.object({
  /** As on the portal: "Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính". */
  channel: z.string(),
  /** Processing time as a number when the portal gives one. */
  timeValue: z.number().nullable(),
  /** "Ngày làm việc", "Ngày", "Giờ", … or null when the portal omits the unit. */
  timeUnit: z.string().nullable(),
  /** Human-readable time, e.g. "3 Ngày làm việc"; empty when unknown. */
  timeText: z.string(),
  /** Fee text, e.g. "Miễn phí", "Lệ phí : 50.000 Đồng"; empty when unknown. */
  fee: z.string(),
  /** Free-text description of this channel; empty when none. */
  description: z.string(),
});

/** One paper of the dossier. */
export const procedureDocumentSchema = z.object({
  name: z.string(),
  /** "1 bản chính", "0 bản chính,1 bản sao", … as given; empty when unknown. */
  quantity: z.string(),
  /** Name of the attached form/template file, when any. */
  form: z.string(),
  /** `submit` = giấy tờ phải nộp, `present` = giấy tờ phải xuất trình. */
  kind: z.enum(["submit", "present"]),
  /** The case heading this paper belongs to ("Trường hợp …"), empty for the general list. */
  group: z.string(),
});

/** A legal document the procedure rests on. */
export const legalBasisSchema = z.object({ title: z.string(), number: z.string() });

/** The canonical procedure record: what we store, index, answer from and export. */
export const procedureSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  /** "Cấp bộ", "Cấp tỉnh", "Cấp xã", "Cơ quan khác". */
  levels: z.array(z.string()),
  field: z.string(),
  /** Executing agencies (cơ quan thực hiện). */
  agencies: z.array(z.string()),
  /** Competent authority (cơ quan có thẩm quyền), empty when unknown. */
  authority: z.string(),
  /** Where dossiers are received (địa chỉ tiếp nhận), empty when unknown. */
  address: z.string(),
  /** Who may use it (đối tượng thực hiện). */
  audience: z.array(z.string()),
  steps: z.array(z.string()),
  channels: z.array(submissionChannelSchema),
  documents: z.array(procedureDocumentSchema),
  /** Free-text notes of the dossier section that are not a paper (e.g. "Số lượng hồ sơ: 01 bộ"). */
  documentNotes: z.array(z.string()),
  conditions: z.array(z.string()),
  results: z.array(z.string()),
  legalBasis: z.array(legalBasisSchema),
  portalUrl: z.string(),
  /** The decision that announced the procedure (số quyết định công bố, "QĐ/0001-BCA"); empty when unknown. */
  decision: z.string().default(""),
  /** Everyday names citizens use for it (editable). */
  aliases: z.array(z.string()),
  /** Usage weight from the national portal; 0 when unknown. */
  popularity: z.number().nonnegative(),
});

export type SubmissionChannel = z.infer<typeof submissionChannelSchema>;
export type ProcedureDocument = z.infer<typeof procedureDocumentSchema>;
export type LegalBasis = z.infer<typeof legalBasisSchema>;
export type Procedure = z.infer<typeof procedureSchema>;

/** What a citizen can ask about a procedure. */
export const FIELDS = [
  "documents",
  "fee",
  "time",
  "place",
  "steps",
  "conditions",
  "legal_basis",
  "result",
  "online",
] as const;
export type Field = (typeof FIELDS)[number];

/** Vietnamese labels of the fields, used on buttons and headings. */
export const FIELD_LABELS: Record<Field, string> = {
  documents: "Hồ sơ cần nộp",
  fee: "Lệ phí",
  time: "Thời gian giải quyết",
  place: "Nơi nộp",
  steps: "Các bước thực hiện",
  conditions: "Điều kiện",
  legal_basis: "Căn cứ pháp lý",
  result: "Kết quả",
  online: "Nộp trực tuyến",
};
