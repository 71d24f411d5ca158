#include "import/messages.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

enum { LANG_HE, LANG_AR, LANG_EN, LANG_RU, LANG_COUNT };

static int lang_index(const char *lang)
{
    static const char *const codes[LANG_COUNT] = {"he", "ar", "en", "ru"};
    if (!lang)
        return -1;
    for (int i = 0; i < LANG_COUNT; i++) {
        size_t n = strlen(codes[i]);
        /* "he", "he-IL", "iw" is not used by playlists; the primary subtag decides. */
        if (!strncmp(lang, codes[i], n) && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_'))
            return i;
    }
    return -1;
}

bool import_message_has_language(const char *lang)
{
    return lang_index(lang) >= 0;
}

const char *import_message_found(const char *lang, bool from_inbox)
{
    static const char *const stick[LANG_COUNT] = {
        "נמצא עדכון תוכן בהתקן ה-USB",
        "تم العثور على تحديث للمحتوى في ذاكرة USB",
        "Content update found on the USB stick",
        "На USB-накопителе найдено обновление контента",
    };
    static const char *const inbox[LANG_COUNT] = {
        "התקבל עדכון תוכן",
        "تم استلام تحديث للمحتوى",
        "Content update received",
        "Получено обновление контента",
    };
    int i = lang_index(lang);
    return i < 0 ? NULL : from_inbox ? inbox[i] : stick[i];
}

const char *import_message_phase(const char *lang, enum import_phase phase)
{
    static const char *const text[IMPORT_PHASE_DONE + 1][LANG_COUNT] = {
        [IMPORT_PHASE_FOUND] = {"בודק את העדכון…", "جارٍ فحص التحديث…", "Looking at the update…",
                                "Проверка обновления…"},
        [IMPORT_PHASE_COPYING] = {"מעתיק מההתקן…", "جارٍ النسخ من الذاكرة…",
                                  "Copying from the stick…", "Копирование с накопителя…"},
        [IMPORT_PHASE_VERIFYING] = {"בודק את החתימה…", "جارٍ التحقق من التوقيع…",
                                    "Checking the signature…", "Проверка подписи…"},
        [IMPORT_PHASE_UNPACKING] = {"פורס את הקבצים…", "جارٍ فك الملفات…", "Unpacking…",
                                    "Распаковка…"},
        [IMPORT_PHASE_CHECKING] = {"בודק את השקופיות…", "جارٍ فحص الشرائح…", "Checking the slides…",
                                   "Проверка слайдов…"},
        [IMPORT_PHASE_INSTALLING] = {"מתקין…", "جارٍ التثبيت…", "Installing…", "Установка…"},
        [IMPORT_PHASE_DONE] = {"הסתיים", "انتهى", "Done", "Готово"},
    };
    int i = lang_index(lang);
    if (i < 0 || (unsigned)phase > IMPORT_PHASE_DONE)
        return NULL;
    return text[phase][i];
}

/* Why a bundle was refused, in plain words; docs/usb-update.md says what to do about each. */
static const char *reason(enum import_status s, int i)
{
    static const char *const text[IMPORT_FAILED + 1][LANG_COUNT] = {
        [IMPORT_INSTALLED] = {"הותקן", "تم التثبيت", "installed", "установлено"},
        [IMPORT_NO_BUNDLE] = {"לא נמצאה חבילת תוכן", "لم يتم العثور على حزمة محتوى",
                              "no content bundle found", "пакет контента не найден"},
        [IMPORT_NOT_SIGNED] = {"החבילה אינה חתומה", "الحزمة غير موقّعة", "the bundle is not signed",
                               "пакет не подписан"},
        [IMPORT_UNTRUSTED_KEY] = {"לא נחתם במפתח מהימן", "غير موقّع بمفتاح موثوق",
                                  "not signed by a trusted key", "подписан недоверенным ключом"},
        [IMPORT_LEGACY_SIGNATURE] = {"חתימה בפורמט ישן", "توقيع بصيغة قديمة",
                                     "signed in an old format", "подпись в устаревшем формате"},
        [IMPORT_DAMAGED] = {"החבילה פגומה או שונתה אחרי החתימה",
                            "الحزمة تالفة أو تم تغييرها بعد التوقيع",
                            "damaged, or changed after signing",
                            "пакет повреждён или изменён после подписи"},
        [IMPORT_NOT_A_BUNDLE] = {"זו אינה חבילת תוכן לקיוסק", "هذه ليست حزمة محتوى للكشك",
                                 "not a kiosk content bundle", "это не пакет контента киоска"},
        [IMPORT_OTHER_GROUP] = {"מיועד לקבוצת מסכים אחרת", "مخصص لمجموعة شاشات أخرى",
                                "for another screen group", "для другой группы экранов"},
        [IMPORT_NOT_NEWER] = {"אינו חדש מהגרסה המותקנת", "ليس أحدث من النسخة المثبتة",
                              "not newer than the installed version",
                              "не новее установленной версии"},
        [IMPORT_UNSAFE] = {"החבילה מכילה קבצים אסורים", "الحزمة تحتوي على ملفات مرفوضة",
                           "the bundle holds files the kiosk refuses",
                           "пакет содержит запрещённые файлы"},
        [IMPORT_TOO_BIG] = {"החבילה גדולה מדי", "الحزمة كبيرة جدًا", "the bundle is too big",
                            "пакет слишком большой"},
        [IMPORT_NO_SPACE] = {"אין מספיק מקום בקיוסק", "لا توجد مساحة كافية في الكشك",
                             "does not fit on the kiosk", "недостаточно места на киоске"},
        [IMPORT_SOURCE_FAILED] = {"לא ניתן היה לקרוא את ההתקן עד הסוף",
                                  "تعذّرت قراءة الذاكرة حتى النهاية",
                                  "the stick could not be read to the end",
                                  "накопитель не удалось прочитать до конца"},
        [IMPORT_CONTENT_INVALID] = {"שקופית או רשימת ההשמעה פגומות", "شريحة أو قائمة العرض معطوبة",
                                    "a slide or the playlist is broken",
                                    "слайд или плейлист содержит ошибки"},
        [IMPORT_FONT_FAILED] = {"לא ניתן לטעון גופן בקיוסק", "تعذّر تحميل خط على الكشك",
                                "a font cannot be loaded on the kiosk",
                                "не удаётся загрузить шрифт на киоске"},
        [IMPORT_CHECK_CRASHED] = {"התוכן גרם לבדיקה לקרוס או להיתקע",
                                  "تسبب المحتوى في تعطل الفحص أو توقفه",
                                  "the content made the checker crash or take too long",
                                  "контент вызвал сбой или зависание проверки"},
        [IMPORT_KNOWN_BAD] = {"גרסה זו גרמה לקריסת הקיוסק בעבר",
                              "تسبب هذا الإصدار في تعطل الكشك من قبل",
                              "this version crashed the kiosk before",
                              "эта версия уже приводила к сбою киоска"},
        [IMPORT_BUSY] = {"עדכון אחר כבר מתבצע", "يجري تحديث آخر بالفعل",
                         "another update is running", "уже идёт другое обновление"},
        [IMPORT_FAILED] = {"הקיוסק לא הצליח להתקין (ראו את היומן)",
                           "تعذّر على الكشك التثبيت (راجع السجل)",
                           "the kiosk could not install it (see the log)",
                           "киоск не смог установить пакет (см. журнал)"},
    };
    return (unsigned)s <= IMPORT_FAILED ? text[s][i] : "?";
}

const char *import_message_result(const char *lang, const struct import_result *r, char *out,
                                  size_t outlen)
{
    int i = lang_index(lang);
    if (i < 0)
        return NULL;
    if (r->status == IMPORT_INSTALLED) {
        /* "version N for group G": the number and the group name are left-to-right islands,
         * which the text engine isolates inside Hebrew and Arabic. */
        static const char *const version[LANG_COUNT] = {
            "הותקנה גרסה ", "تم تثبيت الإصدار ", "Installed version ", "Установлена версия "};
        static const char *const group[LANG_COUNT] = {" לקבוצה ", " للمجموعة ", " for group ",
                                                      " для группы "};
        snprintf(out, outlen, "%s%" PRIu64 "%s%s", version[i], r->version, group[i], r->group);
        return out;
    }
    static const char *const refused[LANG_COUNT] = {
        "העדכון נדחה: ", "تم رفض التحديث: ", "Update refused: ", "Обновление отклонено: "};
    snprintf(out, outlen, "%s%s", refused[i], reason(r->status, i));
    return out;
}

const char *import_message_export(const char *lang, enum import_export_state state)
{
    static const char *const text[3][LANG_COUNT] = {
        {"מעתיק את רישומי ההצגה להתקן — אין להוציא אותו עדיין",
         "جارٍ نسخ سجلات العرض إلى الذاكرة — لا تُزل الذاكرة بعد",
         "Copying the play records to the stick — do not remove it yet",
         "Копирование записей показа на накопитель — пока не извлекайте его"},
        {"רישומי ההצגה הועתקו להתקן", "تم نسخ سجلات العرض إلى الذاكرة",
         "The play records were copied to the stick", "Записи показа скопированы на накопитель"},
        {"לא ניתן היה להעתיק את רישומי ההצגה", "تعذّر نسخ سجلات العرض",
         "The play records could not be copied", "Не удалось скопировать записи показа"},
    };
    int i = lang_index(lang);
    if (i < 0 || state == IMPORT_EXPORT_NONE || (unsigned)state > IMPORT_EXPORT_FAILED)
        return NULL;
    return text[state - 1][i];
}

const char *import_message_remove(const char *lang)
{
    static const char *const text[LANG_COUNT] = {
        "אפשר להוציא את ההתקן",
        "يمكنك إزالة ذاكرة USB",
        "You may remove the stick",
        "Накопитель можно извлечь",
    };
    int i = lang_index(lang);
    return i < 0 ? NULL : text[i];
}
