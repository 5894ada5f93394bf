import { FIELDS, type Field } from "./procedure.js";

/**
 * Phrases (folded, chat spellings already expanded) that say which part of a procedure is asked.
 * Each is a regular expression over the space-joined normalized tokens.
 */
const FIELD_PATTERNS: Record<Field, RegExp[]> = {
  documents: [
    /\b(giay to|(?<!nop )ho so(?! (nop|o|tai) )|ho so (gi|gom|nhung|can|ra sao|the nao|ntn)|thanh phan|giay gi|giay nao|nhung giay|mang theo|mang gi|dem theo|dem gi|mang nhung gi|dem nhung gi|chuan bi|can gi|can nhung gi|can nhung|gom nhung|gom gi|nop gi|nop nhung|can mang|to khai|mau don|don gi|can nhung thu)\b/g,
  ],
  fee: [
    /\b(le phi|mien phi|(?<!(hoc|tang|cuoc|vien|chi) )phi)\b(?! (nong nghiep|chinh phu|loi nhuan|cong|thuong mai|mai tang))/g,
    /\b(mat phi|ton phi|bao nhieu tien|mat tien|ton tien|het tien|(?<!(tro|cap) )tien gi|mat bao nhieu|het bao nhieu|ton bao nhieu|tra bao nhieu|dong bao nhieu|nop bao nhieu|tien bao nhieu|may tram|may nghin|may ngan|bao nhieu)\b(?! (ngay|lau|tuan|thang|nam|gio|hom|buoi|tuoi|giay|loai|ban|bo|nguoi|lan))/g,
    /\b(\d+ ?(k|nghin|ngan|trieu|dong|d))\b/g,
  ],
  time: [
    /\b((mat |ton |het |trong )?(bao lau|may ngay|may hom|bao nhieu ngay)|bao nhieu ngay|may hom|may tuan|may thang|bao nhieu lau|thoi gian|thoi han|bao gio|khi nao|lau khong|lau ko|bao nhieu thoi gian|ngay lam viec|may buoi|lau chua|mat lau|ca tuan|ca thang)\b/g,
  ],
  place: [
    /\b(o dau|cho nao|noi nao|nop cho ai|nop o|nop tai|co quan nao|di dau|den dau|lam o|lam tai|o cho nao|cho ai|ben nao|noi nop|dia chi|phuong hay|xa hay|huyen hay|quan hay|tinh hay|uy ban nao|cap nao|o xa nao|o phuong nao|xa nao|phuong nao|gui ai|xin ai|gap ai|hoi ai|tai dau|o dau)\b/g,
  ],
  steps: [/\b(cac buoc|quy trinh|trinh tu|cach lam|huong dan|bat dau tu dau|lam tu dau|tung buoc)\b/g],
  conditions: [
    /\b(dieu kien|ai duoc|co duoc khong|duoc khong|co duoc|duoc phep|co can|co phai|yeu cau|doi tuong|truong hop nao|du tuoi|bao nhieu tuoi|may tuoi|co bat buoc|bat buoc|co the|co lam duoc|lam duoc khong|duoc huong|co dc|ai phai|ai can|ai duoc|tieu chi|tieu chuan|dat chuan|co cach nao|duoc ko|dc ko|dc khong)\b/g,
    /\bco\b(?: \w+){1,8} (duoc|dc) (khong|ko|k)\b/g,
  ],
  legal_basis: [
    /\b(can cu|luat nao|nghi dinh|thong tu|quy dinh nao|quy dinh o dau|van ban nao|theo luat|co so phap ly|phap ly|quyet dinh so|dieu may|luat gi|nguon van ban|van ban quy dinh|van ban phap luat|quy dinh tai dau|quy dinh o van ban|luat quy dinh)\b/g,
  ],
  result: [
    /\b(duoc cap gi|ket qua (la gi|gi|nhu the nao|ra sao)|nhan duoc gi|nhan lai gi|nhan ket qua (o dau|the nao|ra sao)|tra ket qua (o dau|the nao|ra sao))\b/g,
  ],
  online: [
    /\b(online|onl|truc tuyen|qua mang|dich vu cong|tren mang|qua app|qua ung dung|qua internet|nop mang|khong can den|lam tai nha|nop tai nha|o nha lam|qua zalo|qua vneid|cong dich vu|dvc)\b/g,
  ],
};

/**
 * Generic "how do I do it" wording: alone it asks, in practice, what papers to prepare (the steps
 * are one button away); next to another aspect ("điều kiện như thế nào") it only qualifies that aspect.
 */
const HOW_TO =
  /\b(lam sao|lam the nao|nhu the nao|the nao|ra sao|thi sao|thu tuc gi|phai lam gi|lam gi|sao a)\b/g;

/** Fields detected in a message and which of its tokens only express the question. */
export interface FieldDetection {
  fields: Field[];
  /** `true` for tokens that belong to a field phrase (weak evidence for the topic). */
  aspectTokens: boolean[];
}

/**
 * Detects which parts of a procedure a normalized message asks for (several at once are common)
 * and marks the tokens that only phrase the question, so ranking can discount them.
 */
export function detectFieldsInTokens(tokens: readonly string[]): FieldDetection {
  const text = tokens.join(" ");
  const starts: number[] = [];
  let offset = 0;
  for (const t of tokens) {
    starts.push(offset);
    offset += t.length + 1;
  }
  const aspectTokens = tokens.map(() => false);
  const found = new Set<Field>();
  let onlyCanIt = true;
  for (const [field, patterns] of Object.entries(FIELD_PATTERNS) as Array<[Field, RegExp[]]>) {
    for (const pattern of patterns) {
      for (const m of text.matchAll(pattern)) {
        found.add(field);
        if (field === "conditions" && !CAN_IT.test(m[0])) onlyCanIt = false;
        markTokens(aspectTokens, starts, m.index ?? 0, (m.index ?? 0) + m[0].length);
      }
    }
  }
  // "làm online được không" asks whether it can be done online, not about the conditions.
  if (found.has("online") && onlyCanIt) found.delete("conditions");
  let vagueHow = false;
  for (const m of text.matchAll(HOW_TO)) {
    vagueHow = true;
    markTokens(aspectTokens, starts, m.index ?? 0, (m.index ?? 0) + m[0].length);
  }
  if (vagueHow && found.size === 0) found.add("documents");
  const fields = FIELDS.filter((f) => found.has(f));
  return { fields, aspectTokens };
}

/** A conditions phrase that only asks "can it be done" ("được không", "có thể"). */
const CAN_IT =
  /^(co duoc khong|duoc khong|co duoc|co the|co lam duoc|lam duoc khong|co dc|duoc ko|dc ko|dc khong|co \w+(?: \w+)* (duoc|dc) (khong|ko|k))$/;

function markTokens(mask: boolean[], starts: number[], from: number, to: number): void {
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i] as number;
    if (s >= from && s < to) mask[i] = true;
  }
}
