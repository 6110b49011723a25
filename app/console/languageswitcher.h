#pragma once

#include <QObject>
#include <QTranslator>

namespace handover::console {

// Installs the console's translation (compiled into the binary) and Qt's own for a language; an empty name
// follows the system's UI languages. Switching at run time sends QEvent::LanguageChange to every widget.
class LanguageSwitcher final : public QObject
{
    Q_OBJECT

public:
    explicit LanguageSwitcher(QObject *parent = nullptr);

    // Returns the language now in use ("en" when nothing else matched).
    QString use(const QString &language);
    QString current() const { return m_current; }

private:
    QTranslator m_app;
    QTranslator m_qt;
    QString m_current;
};

} // namespace handover::console
