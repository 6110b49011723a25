#include "tests/i18n/tsfile.h"

#include <QFile>
#include <QXmlStreamReader>

namespace handover::i18n {

QString TsMessage::key() const
{
    QString k = context + QLatin1String(" | ") + source;
    if (!comment.isEmpty())
        k += QLatin1String(" | ") + comment;
    return k;
}

namespace {

void readTranslation(QXmlStreamReader &xml, TsMessage &message)
{
    message.type = xml.attributes().value(QLatin1String("type")).toString();
    if (!message.numerus) {
        message.translations = {xml.readElementText()};
        return;
    }
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("numerusform"))
            message.translations.append(xml.readElementText());
        else
            xml.skipCurrentElement();
    }
}

TsMessage readMessage(QXmlStreamReader &xml, const QString &context)
{
    TsMessage message;
    message.context = context;
    message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("source"))
            message.source = xml.readElementText();
        else if (xml.name() == QLatin1String("comment"))
            message.comment = xml.readElementText();
        else if (xml.name() == QLatin1String("translation"))
            readTranslation(xml, message);
        else
            xml.skipCurrentElement();
    }
    return message;
}

void readContext(QXmlStreamReader &xml, TsFile &file)
{
    QString name;
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("name"))
            name = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            file.messages.append(readMessage(xml, name));
        else
            xml.skipCurrentElement();
    }
}

} // namespace

TsFile readTsFile(const QString &path)
{
    TsFile file;
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        file.error = in.errorString();
        return file;
    }
    QXmlStreamReader xml(&in);
    if (xml.readNextStartElement() && xml.name() == QLatin1String("TS")) {
        file.language = xml.attributes().value(QLatin1String("language")).toString();
        while (xml.readNextStartElement()) {
            if (xml.name() == QLatin1String("context"))
                readContext(xml, file);
            else
                xml.skipCurrentElement();
        }
    } else if (!xml.hasError()) {
        xml.raiseError(QStringLiteral("not a .ts file"));
    }
    if (xml.hasError())
        file.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return file;
}

QSet<QString> currentKeys(const TsFile &file)
{
    QSet<QString> keys;
    for (const TsMessage &message : file.messages) {
        if (message.isCurrent())
            keys.insert(message.key());
    }
    return keys;
}

} // namespace handover::i18n
