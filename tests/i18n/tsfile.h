#pragma once

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace handover::i18n {

// One <message> of a Qt Linguist .ts file.
struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type; // the translation's type: empty when finished, else "unfinished", "vanished" or "obsolete"
    QStringList translations; // one entry, or one per plural form

    // What identifies a message to lupdate.
    QString key() const;
    bool isCurrent() const { return type != QLatin1String("vanished") && type != QLatin1String("obsolete"); }
};

struct TsFile
{
    QString language;
    QList<TsMessage> messages;
    QString error; // empty when the file was read
};

TsFile readTsFile(const QString &path);

// The keys of the messages lupdate still finds in the sources.
QSet<QString> currentKeys(const TsFile &file);

} // namespace handover::i18n
