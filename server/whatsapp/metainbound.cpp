#include "server/whatsapp/metainbound.h"

#include "core/domain/contact.h"
#include "core/json/jsonreader.h"
#include "server/auth/tokens.h"
#include "server/whatsapp/metarichinbound.h"

#include <QJsonArray>
#include <QMessageAuthenticationCode>

namespace handover {

namespace {

QString str(const QJsonObject &object, QLatin1String key)
{
    return object.value(key).toString();
}

std::optional<MetaInboundMessage> readMessage(const QJsonObject &m, const QString &phoneNumberId,
                                              const QHash<QString, QString> &profileNames)
{
    MetaInboundMessage in;
    in.phoneNumberId = phoneNumberId;
    in.waMessageId = str(m, QLatin1String("id"));
    const QString from = str(m, QLatin1String("from"));
    if (in.waMessageId.isEmpty() || from.isEmpty())
        return std::nullopt;
    in.from = e164FromMetaPhone(from);
    if (!isE164(in.from))
        return std::nullopt;
    in.profileName = profileNames.value(from);
    in.timestamp = str(m, QLatin1String("timestamp")).toLongLong();
    const QString type = str(m, QLatin1String("type"));
    const QJsonObject context = m.value(QLatin1String("context")).toObject();
    if (type == QLatin1String("text")) {
        in.text = str(m.value(QLatin1String("text")).toObject(), QLatin1String("body"));
    } else if (type == QLatin1String("button")) {
        const QJsonObject button = m.value(QLatin1String("button")).toObject();
        in.kind = MetaInboundMessage::Kind::Button;
        in.text = str(button, QLatin1String("text"));
        in.payload = str(button, QLatin1String("payload"));
        in.contextId = str(context, QLatin1String("id"));
    } else if (!readRichInbound(type, m, in)) {
        return std::nullopt;
    }
    return in;
}

MetaStatusUpdate readStatus(const QJsonObject &s, const QString &phoneNumberId)
{
    MetaStatusUpdate update{phoneNumberId, str(s, QLatin1String("id")), str(s, QLatin1String("status")), {}};
    if (update.status == QLatin1String("played"))
        update.status = QStringLiteral("read"); // a voice message listened to has been read
    const QJsonArray errors = s.value(QLatin1String("errors")).toArray();
    if (!errors.isEmpty()) {
        const QJsonObject first = errors.first().toObject();
        update.error = QString::number(first.value(QLatin1String("code")).toInt()) + QStringLiteral(": ")
                       + str(first, QLatin1String("title"));
    }
    return update;
}

} // namespace

Result<MetaWebhookBatch> parseMetaWebhook(const QByteArray &body)
{
    auto parsed = parseJsonObject(body);
    if (!parsed)
        return parsed.error();
    MetaWebhookBatch batch;
    if (str(*parsed, QLatin1String("object")) != QLatin1String("whatsapp_business_account"))
        return batch;
    for (const QJsonValue &entry : parsed->value(QLatin1String("entry")).toArray()) {
        for (const QJsonValue &change : entry.toObject().value(QLatin1String("changes")).toArray()) {
            const QJsonObject value = change.toObject().value(QLatin1String("value")).toObject();
            const QString phoneNumberId =
                str(value.value(QLatin1String("metadata")).toObject(), QLatin1String("phone_number_id"));
            if (phoneNumberId.isEmpty())
                continue;
            QHash<QString, QString> profileNames;
            for (const QJsonValue &contact : value.value(QLatin1String("contacts")).toArray()) {
                const QJsonObject c = contact.toObject();
                profileNames.insert(str(c, QLatin1String("wa_id")),
                                    str(c.value(QLatin1String("profile")).toObject(), QLatin1String("name")));
            }
            for (const QJsonValue &message : value.value(QLatin1String("messages")).toArray()) {
                if (auto in = readMessage(message.toObject(), phoneNumberId, profileNames))
                    batch.messages.append(*in);
            }
            for (const QJsonValue &status : value.value(QLatin1String("statuses")).toArray()) {
                MetaStatusUpdate update = readStatus(status.toObject(), phoneNumberId);
                if (!update.waMessageId.isEmpty())
                    batch.statuses.append(update);
            }
        }
    }
    return batch;
}

bool metaSignatureValid(const QByteArray &body, const QByteArray &appSecret, const QByteArray &header)
{
    static const QByteArray prefix = QByteArrayLiteral("sha256=");
    if (appSecret.isEmpty() || !header.startsWith(prefix))
        return false;
    const QByteArray expected =
        QMessageAuthenticationCode::hash(body, appSecret, QCryptographicHash::Sha256).toHex();
    return constantTimeEquals(expected, header.mid(prefix.size()).toLower());
}

} // namespace handover
