/** The validation messages in Turkish (loaded on demand; see de.ts for what each one is for). */
import type { MessageTable } from './catalog.js';
import type { MessageId } from './de.js';

const tr: MessageTable<MessageId> = {
  required: 'Lütfen “{label}” alanını doldurun.',
  requiredChoice: 'Lütfen “{label}” sorusu için bir yanıt seçin.',
  requiredCheck: 'Lütfen şunu onaylayın: “{label}”.',
  requiredGroup: 'Lütfen “{label}” hakkında bilgi verin.',
  check: 'Lütfen “{label}” alanındaki bilgiyi kontrol edin.',
  choice: 'Lütfen “{label}” için sunulan yanıtlardan birini seçin.',
  integer: 'Lütfen “{label}” alanına virgülsüz bir tam sayı girin.',
  number: 'Lütfen “{label}” alanına bir sayı girin.',
  date: 'Lütfen “{label}” alanına geçerli bir tarih girin.',
  email: 'Lütfen “{label}” alanına name@example.de gibi bir e-posta adresi girin.',
  format: 'Lütfen “{label}” alanının biçimini kontrol edin.',
  minLength: {
    one: '“{label}” en az {n} karakter olmalıdır.',
    other: '“{label}” en az {n} karakter olmalıdır.',
  },
  maxLength: {
    one: '“{label}” en fazla {n} karakter olabilir.',
    other: '“{label}” en fazla {n} karakter olabilir.',
  },
  minimum: '“{label}” en az {n} olmalıdır.',
  exclusiveMinimum: '“{label}” {n} değerinden büyük olmalıdır.',
  maximum: '“{label}” en fazla {n} olabilir.',
  exclusiveMaximum: '“{label}” {n} değerinden küçük olmalıdır.',
  minItems: {
    one: 'Lütfen “{label}” bölümüne en az bir kayıt ekleyin.',
    other: 'Lütfen “{label}” bölümüne en az {n} kayıt ekleyin.',
  },
  maxItems: {
    one: '“{label}” bölümüne yalnızca bir kayıt eklenebilir.',
    other: '“{label}” bölümüne en fazla {n} kayıt eklenebilir.',
  },
  unknown: 'Lütfen bu bilgiyi kontrol edin.',
  errorSummary: {
    one: 'Lütfen {n} bilgiyi düzeltin:',
    other: 'Lütfen {n} bilgiyi düzeltin:',
  },
  rememberDays: {
    one: 'Bilgileri bu cihazda {n} gün sakla',
    other: 'Bilgileri bu cihazda {n} gün sakla',
  },
  retryIn: {
    one: 'Bağlantıda sorun var. {n} saniye sonra yeniden denenecek …',
    other: 'Bağlantıda sorun var. {n} saniye sonra yeniden denenecek …',
  },
  unansweredSummary: {
    one: 'Lütfen {n} soruyu daha yanıtlayın:',
    other: 'Lütfen {n} soruyu daha yanıtlayın:',
  },
  filesAtMost: {
    one: 'En fazla {n} dosya yükleyebilirsiniz.',
    other: 'En fazla {n} dosya yükleyebilirsiniz.',
  },
};
export default tr;
