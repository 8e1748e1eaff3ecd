/** The reference server's problem messages in Persian (see de.ts). */
import type { MessageTable } from '../../src/core/messages/catalog.js';
import type { ProblemText } from './de.js';

const fa: MessageTable<ProblemText> = {
  invalid: 'اطلاعات کامل یا معتبر نیست.',
  tooSlow: 'بررسی اطلاعات در زمان مناسب ممکن نشد.',
  tooSlowDetail: 'بررسی بیش از حد طول کشید؛ اطلاعات پذیرفته نشد.',
  documents: 'مدارک با این درخواست مطابقت ندارند.',
  documentMissing: 'فایل این مدرک موجود نیست.',
  documentNotAsked: 'این مدرک برای این درخواست لازم نیست.',
  documentNotList: 'فهرستی از فایل‌ها لازم است.',
  documentTooMany: {
    one: 'برای این مدرک فقط {n} فایل ممکن است.',
    other: 'برای این مدرک حداکثر {n} فایل ممکن است.',
  },
  fileUnknown: 'یک فایل ناشناخته، ناقص یا تغییریافته است.',
  fileUsed: 'یک فایل متعلق به درخواست دیگری است.',
  fileTwice: 'یک فایل دو بار آمده است.',
  payment: 'این پرداخت را نمی‌توان برای این درخواست به کار برد.',
  paymentRequired: 'هزینهٔ این درخواست باید از پیش پرداخت شود.',
  paymentUnknown: 'این پرداخت ناشناخته است.',
  paymentOpen: 'این پرداخت کامل نشده است.',
  paymentFailed: 'این پرداخت لغو شده یا ناموفق بوده است.',
  paymentMismatch: 'این پرداخت با هزینه‌های این درخواست مطابقت ندارد.',
  paymentUsed: 'این پرداخت متعلق به درخواست دیگری است.',
  nothingToPay: 'برای این درخواست چیزی برای پرداخت آنلاین وجود ندارد.',
  appointmentNoFee:
    'برای وقت ملاقات، هزینه در اینجا پرداخت نمی‌شود؛ اداره آن را هنگام وقت ملاقات دریافت می‌کند.',
  outcomeNotOffered: 'این درخواست چنین شیوه‌ای برای پایان ندارد.',
  outcomeNotOfferedDetail: 'این درخواست با «{requested}» پایان نمی‌یابد، بلکه با: {offered}.',
  identityInvalid: 'اطلاعات هویت نامعتبر است.',
  identityInvalidDetail:
    'اطلاعات هویت نامعتبر است: یک سطح اطمینان (⁨low, substantial, high⁩)، اینکه چه کسی آن را تأیید کرده است، و فقط فیلدهایی که درخواست از اطلاعات هویت برمی‌دارد.',
  identityUnconfirmed: 'تأیید هویت شما دیگر معتبر نیست.',
  identityUnconfirmedDetail:
    'تأیید ورود شما نامعتبر است یا مهلت آن تمام شده است. لطفاً دوباره وارد شوید و سپس دوباره ارسال کنید. اطلاعات شما حفظ می‌شود.',
  identityRequired: 'این کار به‌صورت آنلاین فقط با هویت تأییدشده ممکن است.',
  identityRequiredDetail:
    'این درخواست را فقط کسی می‌تواند آنلاین ارسال کند که با اطمینان کافی وارد شده باشد، برای نمونه با کارت شناسایی آنلاین (⁨eID⁩). بدون این تأیید، این کار فقط به‌صورت حضوری در اداره ممکن است.',
  handOffGone: 'این لینک قبلاً استفاده شده یا مهلت آن تمام شده است.',
  documentFirstParty: 'فایل این مدرک موجود نیست؛ این فایل مربوط به بخش درخواست‌کننده است.',
};
export default fa;
