import { textUpdate } from "../lib/fake-telegram-api.js";
import { seededRandom } from "../lib/seeded-random.js";

/**
 * What citizens write to the bot, as a varied mix: procedure questions (accented and not, short
 * and long, about documents, fees, places, durations), greetings, thanks and commands.
 */
export const BENCH_QUESTIONS: readonly string[] = [
  "đăng ký khai sinh cần giấy tờ gì",
  "làm căn cước công dân ở đâu",
  "xin chào",
  "thủ tục cấp hộ chiếu mất bao lâu",
  "lệ phí đăng ký kết hôn bao nhiêu tiền",
  "cấp giấy phép xây dựng nhà ở riêng lẻ",
  "/start",
  "đổi giấy phép lái xe quá hạn thì làm thế nào",
  "đăng ký thường trú cho con mới sinh",
  "cảm ơn bạn nhiều",
  "xin trích lục khai tử cho bố",
  "dang ky kinh doanh ho ca the can nhung gi",
  "chuyển nhượng quyền sử dụng đất cần những giấy tờ gì",
  "/help",
  "tôi muốn đăng ký tạm trú cho người thuê nhà",
  "cấp lại giấy khai sinh bị mất",
  "làm sổ đỏ lần đầu mất bao nhiêu ngày",
  "chứng thực bản sao ở đâu",
  "hồ sơ xin trợ cấp thất nghiệp gồm những gì",
  "ok",
  "thủ tục nhận con nuôi trong nước",
  "cap giay xac nhan tinh trang hon nhan",
  "đăng ký xe máy mới mua cần mang gì",
  "phí cấp phiếu lý lịch tư pháp là bao nhiêu",
  "tách thửa đất nộp hồ sơ ở đâu",
  "/hoi",
  "xin giấy phép kinh doanh karaoke",
  "trợ cấp cho người khuyết tật nặng",
  "đăng ký khai tử quá hạn có bị phạt không",
  "làm thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi",
  "thay đổi họ tên cho con",
  "bạn là ai vậy",
  "cấp giấy chứng nhận an toàn thực phẩm cho quán ăn",
  "thành lập doanh nghiệp tư nhân",
  "xác nhận cư trú lấy ở đâu",
  "đổi bằng lái ô tô sang thẻ nhựa",
  "hỗ trợ hộ nghèo vay vốn",
  "đăng ký kết hôn với người nước ngoài",
  "giấy phép lao động cho người nước ngoài",
  "đăng ký giám hộ cho cháu",
];

/** Consecutive messages of one chat step through the list by this stride (coprime with its length). */
const STRIDE = 7;

/** The k-th message of chat number `chat`: chats with the same `chat % length` say the same things. */
export function questionFor(chat: number, k: number): string {
  return BENCH_QUESTIONS[(chat + k * STRIDE) % BENCH_QUESTIONS.length] as string;
}

/** One HTTP delivery of an update, at `at` ms after the start. */
export interface Delivery {
  at: number;
  updateId: number;
  chat: number;
  body: string;
}

/** The whole offered load, prepared before the clock starts. */
export interface Workload {
  /** Deliveries sorted by time; duplicates share the update id and body of their first delivery. */
  deliveries: Delivery[];
  /** Chat numbers start here (`updatesOfChat[i]` belongs to chat number `firstChat + i`). */
  firstChat: number;
  updates: number;
  duplicates: number;
  /** Per chat (index from `firstChat`), its update ids in the order they are offered. */
  updatesOfChat: number[][];
  /** Most messages any one chat sends. */
  turnsPerChat: number;
}

/** A Telegram private chat id for chat number `chat`. */
export function chatIdOf(chat: number): number {
  return 6_100_000_000 + chat;
}

/**
 * Offers `rate` updates a second for `durationS` seconds, spread over `chats` chats in a fixed
 * shuffled round (so each chat writes every `chats / rate` seconds, in order), with a share of
 * `duplicateShare` updates delivered a second time: at once (concurrently) or up to 2 s later.
 */
export function buildWorkload(options: {
  rate: number;
  durationS: number;
  chats: number;
  duplicateShare: number;
  seed?: number;
  /** Where numbering starts, so a warm-up load uses other chats and update ids than the measured one. */
  firstChat?: number;
  firstUpdateId?: number;
}): Workload {
  const { rate, durationS, duplicateShare } = options;
  const next = seededRandom(options.seed ?? 20_260_301).next;
  const total = Math.round(rate * durationS);
  const chats = Math.max(1, Math.min(options.chats, total));
  const order = Array.from({ length: chats }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const updatesOfChat: number[][] = Array.from({ length: chats }, () => []);
  const deliveries: Delivery[] = [];
  let duplicates = 0;
  for (let i = 0; i < total; i++) {
    const chat = order[i % chats] as number;
    const updateId = (options.firstUpdateId ?? 1) + i;
    const k = updatesOfChat[chat]?.length ?? 0;
    updatesOfChat[chat]?.push(updateId);
    const at = (i * 1000) / rate;
    const number = (options.firstChat ?? 0) + chat;
    const body = JSON.stringify(textUpdate(chatIdOf(number), questionFor(number, k), updateId));
    deliveries.push({ at, updateId, chat, body });
    if (next() < duplicateShare) {
      duplicates++;
      const later = next() < 0.5 ? 0 : 50 + next() * 1_950;
      deliveries.push({ at: at + later, updateId, chat, body });
    }
  }
  deliveries.sort((a, b) => a.at - b.at);
  return {
    deliveries,
    firstChat: options.firstChat ?? 0,
    updates: total,
    duplicates,
    updatesOfChat,
    turnsPerChat: Math.ceil(total / chats),
  };
}
