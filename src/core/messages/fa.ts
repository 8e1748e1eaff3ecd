/** The validation messages in Persian (loaded on demand; see de.ts for what each one is for). */
import type { MessageTable } from './catalog.js';
import type { MessageId } from './de.js';

const fa: MessageTable<MessageId> = {
  required: 'لطفاً «{label}» را پر کنید.',
  requiredChoice: 'لطفاً برای «{label}» یک پاسخ انتخاب کنید.',
  requiredCheck: 'لطفاً «{label}» را تأیید کنید.',
  requiredGroup: 'لطفاً اطلاعات مربوط به «{label}» را وارد کنید.',
  check: 'لطفاً پاسخ «{label}» را بررسی کنید.',
  choice: 'لطفاً برای «{label}» یکی از پاسخ‌های پیشنهادشده را انتخاب کنید.',
  integer: 'لطفاً برای «{label}» یک عدد کامل بدون اعشار وارد کنید.',
  number: 'لطفاً برای «{label}» یک عدد وارد کنید.',
  date: 'لطفاً برای «{label}» یک تاریخ معتبر وارد کنید.',
  email: 'لطفاً برای «{label}» یک نشانی ایمیل مانند ⁨name@example.de⁩ وارد کنید.',
  format: 'لطفاً قالب «{label}» را بررسی کنید.',
  minLength: {
    one: '«{label}» باید دست‌کم {n} کاراکتر باشد.',
    other: '«{label}» باید دست‌کم {n} کاراکتر باشد.',
  },
  maxLength: {
    one: '«{label}» نباید بیشتر از {n} کاراکتر باشد.',
    other: '«{label}» نباید بیشتر از {n} کاراکتر باشد.',
  },
  minimum: '«{label}» باید دست‌کم {n} باشد.',
  exclusiveMinimum: '«{label}» باید بیشتر از {n} باشد.',
  maximum: '«{label}» نباید بیشتر از {n} باشد.',
  exclusiveMaximum: '«{label}» باید کمتر از {n} باشد.',
  minItems: {
    one: 'لطفاً برای «{label}» دست‌کم {n} مورد اضافه کنید.',
    other: 'لطفاً برای «{label}» دست‌کم {n} مورد اضافه کنید.',
  },
  maxItems: {
    one: 'برای «{label}» فقط {n} مورد ممکن است.',
    other: 'برای «{label}» حداکثر {n} مورد ممکن است.',
  },
  unknown: 'لطفاً این مورد را بررسی کنید.',
  errorSummary: {
    one: 'لطفاً {n} مورد را اصلاح کنید:',
    other: 'لطفاً {n} مورد را اصلاح کنید:',
  },
  rememberDays: {
    one: 'ذخیرهٔ اطلاعات به مدت {n} روز روی این دستگاه',
    other: 'ذخیرهٔ اطلاعات به مدت {n} روز روی این دستگاه',
  },
  retryIn: {
    one: 'اتصال مشکل دارد. تلاش دوباره تا {n} ثانیهٔ دیگر …',
    other: 'اتصال مشکل دارد. تلاش دوباره تا {n} ثانیهٔ دیگر …',
  },
  unansweredSummary: {
    one: 'لطفاً به {n} پرسش دیگر پاسخ دهید:',
    other: 'لطفاً به {n} پرسش دیگر پاسخ دهید:',
  },
  filesAtMost: {
    one: 'حداکثر {n} فایل می‌توانید آپلود کنید.',
    other: 'حداکثر {n} فایل می‌توانید آپلود کنید.',
  },
};
export default fa;
