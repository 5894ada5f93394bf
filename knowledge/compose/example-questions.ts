/** Example questions shown in help and out-of-scope replies. */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  "Làm giấy khai sinh cho con cần giấy tờ gì?",
  "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ là bao nhiêu?",
  "Đăng ký kết hôn nộp hồ sơ ở đâu, mất mấy ngày?",
];
