import type { BotCommand } from "grammy/types";

/**
 * The commands shown in Telegram's menu, with Vietnamese descriptions; the conversation core
 * handles them as text, this list only tells Telegram about them (`setMyCommands`).
 */
export const BOT_COMMANDS: readonly BotCommand[] = [
  { command: "start", description: "Bắt đầu và giới thiệu" },
  { command: "help", description: "Hướng dẫn sử dụng" },
  { command: "hoi", description: "Hỏi về thủ tục hành chính" },
  { command: "phananh", description: "Gửi phản ánh, kiến nghị" },
  { command: "tracuu", description: "Tra cứu phản ánh đã gửi" },
  { command: "bosung", description: "Bổ sung thông tin cán bộ yêu cầu" },
  { command: "huy", description: "Hủy thao tác đang làm" },
];
