import type { Db } from "../../db/client.js";
import { createFeedbackService } from "../../feedback/feedback-service.js";
import { loadWorkingCalendar } from "../../feedback/holidays-file.js";
import { workingDayDueDates } from "../../feedback/pakn-due-dates.js";
import type { PaknSubmission } from "../../feedback/submit-pakn.js";

/** Complaint texts of the kinds citizens send; each submission takes one, so routing does real work. */
const CONTENTS = [
  "Đường liên xã đoạn qua thôn 3 bị sụt lún, nhiều ổ gà, xe máy đi lại rất nguy hiểm.",
  "Cán bộ một cửa yêu cầu bổ sung giấy tờ nhiều lần khi tôi làm thủ tục đăng ký khai sinh cho con.",
  "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất của gia đình tôi đã trễ hẹn hai tuần mà chưa có kết quả.",
  "Bãi rác tự phát cạnh trường tiểu học bốc mùi hôi thối, đề nghị xã thu gom và xử lý.",
  "Doanh nghiệp chậm đóng bảo hiểm xã hội cho công nhân nhiều tháng liền, đề nghị cơ quan kiểm tra.",
  "Kiến nghị lắp thêm đèn chiếu sáng trên tuyến đường vào khu dân cư mới vì buổi tối rất tối.",
  "Xưởng gỗ trong khu dân cư hoạt động gây tiếng ồn và bụi suốt đêm, ảnh hưởng sức khỏe người dân.",
  "Tôi nộp hồ sơ đăng ký hộ kinh doanh trực tuyến nhưng hệ thống báo lỗi không nộp được lệ phí.",
];

/** One confirmation the generator made: the chat it came from and when its commit returned. */
export interface Submitted {
  chatId: string;
  /** ms since the epoch when `submit` resolved (after the commit). */
  committedAt: number;
}

/** What offering a fixed rate achieved. */
export interface LoadResult {
  submitted: Submitted[];
  failed: number;
  /** Submissions started more than 100 ms after their slot (the generator or the database fell behind). */
  late: number;
  startedAt: number;
  elapsedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A confirmed submission from chat `chatId` (its own citizen, so each chat expects exactly one notification). */
export function benchSubmission(chatId: string, i: number): PaknSubmission {
  return {
    kind: i % 5 === 0 ? "kien_nghi" : "phan_anh",
    content: CONTENTS[i % CONTENTS.length] as string,
    contact: {
      name: "Nguyễn Văn An",
      phone: `09${String(10_000_000 + (i % 89_999_999)).padStart(8, "0")}`,
      address: "Thôn 3, xã Hòa Bình",
    },
    consentAt: new Date(),
    channel: "zalo-bot",
    channelUser: chatId,
    conversation: chatId,
    inboundMessageId: `confirm-${chatId}`,
  };
}

/**
 * Offers confirmations open-loop at `rate` per second for `durationMs` through the feedback
 * service (what the bot calls on confirmation), chats named `<tag>-<n>`; at most `maxInFlight`
 * wait for the database at once. `onTick` is called about once a second.
 */
export async function offerConfirmations(
  db: Db,
  options: { rate: number; durationMs: number; tag: string; maxInFlight?: number; onTick?: () => void },
): Promise<LoadResult> {
  const service = createFeedbackService({ db, dueDates: workingDayDueDates(loadWorkingCalendar()) });
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const maxInFlight = options.maxInFlight ?? 200;
  const submitted: Submitted[] = [];
  const inFlight = new Set<Promise<void>>();
  let failed = 0;
  let late = 0;
  let lastTick = Date.now();
  const start = Date.now();
  for (let i = 0; i < total; i++) {
    const slot = start + (i * 1000) / options.rate;
    const wait = slot - Date.now();
    if (wait > 0) await sleep(wait);
    else if (wait < -100) late++;
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const chatId = `${options.tag}-${i}`;
    const work = service
      .submit(benchSubmission(chatId, i))
      .then(() => {
        submitted.push({ chatId, committedAt: Date.now() });
      })
      .catch(() => {
        failed++;
      })
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
    if (Date.now() - lastTick >= 1000) {
      lastTick = Date.now();
      options.onTick?.();
    }
  }
  await Promise.all(inFlight);
  return { submitted, failed, late, startedAt: start, elapsedMs: Date.now() - start };
}
