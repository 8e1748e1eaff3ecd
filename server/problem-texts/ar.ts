/** The reference server's problem messages in Arabic (see de.ts). */
import type { MessageTable } from '../../src/core/messages/catalog.js';
import type { ProblemText } from './de.js';

const ar: MessageTable<ProblemText> = {
  invalid: 'البيانات غير مكتملة أو غير صالحة.',
  tooSlow: 'تعذّر التحقق من البيانات في وقت مناسب.',
  tooSlowDetail: 'استغرق التحقق وقتًا طويلًا جدًا؛ لم تُقبل البيانات.',
  documents: 'المستندات لا تتوافق مع هذا الطلب.',
  documentMissing: 'ينقص ملف لهذا المستند.',
  documentNotAsked: 'هذا المستند غير مطلوب لهذا الطلب.',
  documentNotList: 'المتوقع قائمة من الملفات.',
  documentTooMany: {
    zero: 'لا يمكن إرفاق أي ملف بهذا المستند.',
    one: 'لا يمكن إرفاق أكثر من ملف واحد بهذا المستند.',
    two: 'يمكن إرفاق ملفين على الأكثر بهذا المستند.',
    few: 'يمكن إرفاق {n} ملفات على الأكثر بهذا المستند.',
    many: 'يمكن إرفاق {n} ملفًا على الأكثر بهذا المستند.',
    other: 'يمكن إرفاق {n} ملف على الأكثر بهذا المستند.',
  },
  fileUnknown: 'أحد الملفات غير معروف أو غير مكتمل أو تم تغييره.',
  fileUsed: 'أحد الملفات يخص طلبًا آخر.',
  fileTwice: 'أحد الملفات مذكور مرتين.',
  payment: 'لا يمكن استخدام الدفعة لهذا الطلب.',
  paymentRequired: 'يجب دفع رسوم هذا الطلب مسبقًا.',
  paymentUnknown: 'هذه الدفعة غير معروفة.',
  paymentOpen: 'هذه الدفعة لم تكتمل.',
  paymentFailed: 'أُلغيت هذه الدفعة أو فشلت.',
  paymentMismatch: 'هذه الدفعة لا تتوافق مع رسوم هذا الطلب.',
  paymentUsed: 'هذه الدفعة تخص طلبًا آخر.',
  nothingToPay: 'لا يوجد ما يُدفع عبر الإنترنت لهذا الطلب.',
  appointmentNoFee: 'لا تُدفع هنا رسوم للموعد؛ تحصّلها الدائرة عند الموعد.',
  outcomeNotOffered: 'لا يتيح هذا الطلب طريقة الإنهاء هذه.',
  outcomeNotOfferedDetail: 'لا ينتهي هذا الطلب بـ«⁨{requested}⁩»، بل بـ: ⁨{offered}⁩.',
  identityInvalid: 'بيانات الهوية غير صالحة.',
  identityInvalidDetail:
    'بيانات الهوية غير صالحة: يجب أن تتضمن مستوى ثقة (⁨low⁩ أو ⁨substantial⁩ أو ⁨high⁩)، والجهة التي أكّدته، والحقول التي يأخذها الطلب من الهوية فقط.',
  identityUnconfirmed: 'تأكيد هويتك لم يعد ساريًا.',
  identityUnconfirmedDetail:
    'تأكيد تسجيل دخولك غير صالح أو انتهت صلاحيته. يُرجى تسجيل الدخول من جديد ثم الإرسال مرة أخرى. تبقى بياناتك محفوظة.',
  identityRequired: 'لا يمكن ذلك عبر الإنترنت إلا بهوية مؤكَّدة.',
  identityRequiredDetail:
    'لا يمكن تقديم هذا الطلب عبر الإنترنت إلا لمن سجّل الدخول بطريقة آمنة بما يكفي، مثل بطاقة الهوية الإلكترونية (⁨eID⁩). ودون هذا التأكيد لا يمكن تقديمه إلا شخصيًا لدى الدائرة.',
  handOffGone: 'سبق استخدام هذا الرابط أو انتهت صلاحيته.',
  documentFirstParty: 'ينقص ملف لهذا المستند؛ وهو من الجزء الخاص بمقدّم الطلب.',
};
export default ar;
