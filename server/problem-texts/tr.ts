/** The reference server's problem messages in Turkish (see de.ts). */
import type { MessageTable } from '../../src/core/messages/catalog.js';
import type { ProblemText } from './de.js';

const tr: MessageTable<ProblemText> = {
  invalid: 'Bilgiler eksik veya geçerli değil.',
  tooSlow: 'Bilgiler makul bir sürede kontrol edilemedi.',
  tooSlowDetail: 'Kontrol çok uzun sürdü; bilgiler kabul edilmedi.',
  documents: 'Belgeler bu başvuruyla uyuşmuyor.',
  documentMissing: 'Bu belge için bir dosya eksik.',
  documentNotAsked: 'Bu belge bu başvuru için istenmiyor.',
  documentNotList: 'Bir dosya listesi bekleniyor.',
  documentTooMany: {
    one: 'Bu belge için yalnızca bir dosya yüklenebilir.',
    other: 'Bu belge için en fazla {n} dosya yüklenebilir.',
  },
  fileUnknown: 'Bir dosya bilinmiyor, eksik veya değiştirilmiş.',
  fileUsed: 'Bir dosya başka bir başvuruya ait.',
  fileTwice: 'Bir dosya iki kez belirtilmiş.',
  payment: 'Bu ödeme bu başvuru için kullanılamaz.',
  paymentRequired: 'Bu başvuru için harç önceden ödenmelidir.',
  paymentUnknown: 'Bu ödeme bilinmiyor.',
  paymentOpen: 'Bu ödeme tamamlanmadı.',
  paymentFailed: 'Bu ödeme iptal edildi veya başarısız oldu.',
  paymentMismatch: 'Bu ödeme, bu başvurunun harçlarıyla uyuşmuyor.',
  paymentUsed: 'Bu ödeme başka bir başvuruya ait.',
  nothingToPay: 'Bu başvuru için internetten ödenecek bir şey yok.',
  appointmentNoFee: 'Randevu için burada harç ödenmez; daire harcı randevuda alır.',
  outcomeNotOffered: 'Bu başvuru bu sonuçlandırma şeklini sunmuyor.',
  outcomeNotOfferedDetail: 'Bu başvuru “{requested}” ile değil, şununla sona erer: {offered}.',
  identityInvalid: 'Kimlik bilgileri geçersiz.',
  identityInvalidDetail:
    'Kimlik bilgileri geçersiz: Bir güven seviyesi (low, substantial, high), bunu kimin doğruladığı ve yalnızca başvurunun kimlikten aldığı alanlar olmalıdır.',
  identityUnconfirmed: 'Kimliğinizin doğrulaması artık geçerli değil.',
  identityUnconfirmedDetail:
    'Girişinizin doğrulaması geçersiz veya süresi dolmuş. Lütfen yeniden giriş yapın ve sonra tekrar gönderin. Bilgileriniz korunur.',
  identityRequired: 'Bu işlem internetten yalnızca doğrulanmış kimlikle yapılabilir.',
  identityRequiredDetail:
    'Bu başvuruyu internetten yalnızca yeterince güvenli biçimde giriş yapmış kişi verebilir, örneğin çevrimiçi kimlik kartıyla (eID). Bu doğrulama olmadan başvuru yalnızca dairede şahsen yapılabilir.',
  handOffGone: 'Bu bağlantı zaten kullanılmış veya süresi dolmuş.',
  documentFirstParty: 'Bu belge için bir dosya eksik; bu belge başvuru sahibinin bölümüne aittir.',
};
export default tr;
