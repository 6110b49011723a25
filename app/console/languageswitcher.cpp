#include "app/console/languageswitcher.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace handover::console {

LanguageSwitcher::LanguageSwitcher(QObject *parent) : QObject(parent) {}

QString LanguageSwitcher::use(const QString &language)
{
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    m_current = QStringLiteral("en");
    // The source strings are English; handover_en.qm only carries plural forms.
    if (m_app.load(locale, QStringLiteral("handover"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        m_current = m_app.language().isEmpty() ? locale.name() : m_app.language();
    } else if (!m_app.load(QStringLiteral(":/i18n/handover_en.qm"))) {
        qWarning("the English plural forms are missing from the build");
    }
    // English too: its file carries the plural forms ("1 chatroom", "2 chatrooms").
    if (!m_app.isEmpty())
        QCoreApplication::installTranslator(&m_app);
    if (m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);
    QLocale::setDefault(locale);
    return m_current;
}

} // namespace handover::console
