#include "sim/controlformat.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace handover::sim {

namespace {

QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::make(ErrorCode::BadRequest,
                           QStringLiteral("The body is not JSON: ") + parseError.errorString());
    if (!document.isObject())
        return Error::make(ErrorCode::BadRequest, str("The body is not a JSON object."));
    return document.object();
}

Error missing(const QString &field, const QString &what)
{
    return Error::make(ErrorCode::ValidationFailed,
                       field + QStringLiteral(" is required and must be ") + what + QLatin1Char('.'),
                       {field});
}

// A string member; absent or null reads as empty. Returns false for any other type.
bool optionalString(const QJsonObject &object, const QString &key, QString *out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString())
        return false;
    *out = value.toString();
    return true;
}

// Unix seconds as a number or a numeric string; absent means 0 ("now").
bool optionalTimestamp(const QJsonObject &object, qint64 *out)
{
    const QJsonValue value = object.value(str("timestamp"));
    if (value.isUndefined() || value.isNull())
        return true;
    bool ok = value.isDouble();
    const qint64 seconds = ok ? static_cast<qint64>(value.toDouble()) : value.toString().toLongLong(&ok);
    if (!ok || seconds <= 0)
        return false;
    *out = seconds;
    return true;
}

} // namespace

Result<CustomerMessage> parseInboundRequest(const QByteArray &body)
{
    const Result<QJsonObject> parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    const QJsonObject &object = *parsed;

    CustomerMessage message;
    message.from = metaPhoneDigits(object.value(str("from")).toString());
    if (message.from.isEmpty())
        return missing(str("from"), str("a phone number, digits only as Meta writes it"));
    message.phoneNumberId = object.value(str("phone_number_id")).toString();
    if (message.phoneNumberId.isEmpty())
        return missing(str("phone_number_id"), str("a non-empty string"));
    if (!optionalString(object, str("profile_name"), &message.profileName))
        return missing(str("profile_name"), str("a string when given"));
    if (!optionalString(object, str("wa_message_id"), &message.waMessageId))
        return missing(str("wa_message_id"), str("a string when given"));
    if (!optionalTimestamp(object, &message.timestamp))
        return missing(str("timestamp"), str("unix seconds when given"));

    const QJsonValue text = object.value(str("text"));
    const QJsonValue button = object.value(str("button"));
    const bool hasText = !text.isUndefined() && !text.isNull();
    const bool hasButton = !button.isUndefined() && !button.isNull();
    if (hasText == hasButton)
        return Error::make(ErrorCode::ValidationFailed,
                           str("Give either text or button, not both nor neither."),
                           {str("text"), str("button")});
    if (hasText) {
        message.text = text.toString();
        if (message.text.isEmpty())
            return missing(str("text"), str("a non-empty string"));
        return message;
    }
    if (!button.isObject())
        return missing(str("button"), str("an object {context_id, text, payload}"));
    const QJsonObject tap = button.toObject();
    ButtonTap parsedTap;
    parsedTap.contextId = tap.value(str("context_id")).toString();
    if (parsedTap.contextId.isEmpty())
        return missing(str("button.context_id"), str("the wa_message_id of the message with the button"));
    if (!tap.value(str("text")).isString())
        return missing(str("button.text"), str("a string"));
    if (!tap.value(str("payload")).isString())
        return missing(str("button.payload"), str("a string"));
    parsedTap.text = tap.value(str("text")).toString();
    parsedTap.payload = tap.value(str("payload")).toString();
    message.button = parsedTap;
    return message;
}

Result<StatusUpdate> parseStatusRequest(const QByteArray &body)
{
    const Result<QJsonObject> parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    const QJsonObject &object = *parsed;

    StatusUpdate status;
    status.waMessageId = object.value(str("wa_message_id")).toString();
    if (status.waMessageId.isEmpty())
        return missing(str("wa_message_id"), str("a non-empty string"));
    status.status = object.value(str("status")).toString();
    if (!isKnownStatus(status.status))
        return missing(str("status"), str("one of sent, delivered, read, failed"));
    if (!optionalTimestamp(object, &status.timestamp))
        return missing(str("timestamp"), str("unix seconds when given"));

    const QJsonValue error = object.value(str("error"));
    if (error.isString()) {
        status.error = StatusError{131000, error.toString()};
    } else if (error.isObject()) {
        const QJsonObject detail = error.toObject();
        const QJsonValue code = detail.value(str("code"));
        if (!code.isUndefined() && !code.isDouble())
            return missing(str("error.code"), str("a number when given"));
        status.error = StatusError{code.toInt(131000), detail.value(str("title")).toString()};
    } else if (!error.isUndefined() && !error.isNull()) {
        return missing(str("error"), str("a string or an object {code, title} when given"));
    }
    if (status.status != str("failed"))
        status.error.reset(); // Meta reports errors only with failed
    return status;
}

Result<PhoneRegistration> parseBusinessPhoneRequest(const QByteArray &body)
{
    const Result<QJsonObject> parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    PhoneRegistration registration;
    BusinessPhone &phone = registration.phone;
    phone.phoneNumberId = parsed->value(str("phone_number_id")).toString();
    if (phone.phoneNumberId.isEmpty())
        return missing(str("phone_number_id"), str("a non-empty string"));
    phone.displayPhoneNumber = metaPhoneDigits(parsed->value(str("display_phone_number")).toString());
    if (phone.displayPhoneNumber.isEmpty())
        return missing(str("display_phone_number"), str("a phone number"));
    if (!optionalString(*parsed, str("waba_id"), &phone.wabaId))
        return missing(str("waba_id"), str("a string when given"));
    if (!optionalString(*parsed, str("verified_name"), &registration.verifiedName))
        return missing(str("verified_name"), str("a string when given"));
    QString token;
    if (!optionalString(*parsed, str("access_token"), &token))
        return missing(str("access_token"), str("a string when given"));
    registration.accessToken = token.toUtf8();
    return registration;
}

QJsonObject outboundMessageJson(const OutboundMessage &message)
{
    QJsonObject json{{str("wa_message_id"), message.waMessageId},
                     {str("type"), message.type},
                     {str("phone_number_id"), message.phoneNumberId},
                     {str("to"), message.to},
                     {str("sent_at"), message.sentAt.toString(Qt::ISODateWithMs)},
                     {str("request"), message.request},
                     {str("access_token"), QString::fromUtf8(message.accessToken)}};
    if (message.type == str("text") || !message.text.isEmpty())
        json.insert(str("text"), message.text);
    if (!message.contextMessageId.isEmpty())
        json.insert(str("context_id"), message.contextMessageId);
    if (message.type == str("template")) {
        json.insert(
            str("template"),
            QJsonObject{{str("name"), message.templateName},
                        {str("language"), message.templateLanguage},
                        {str("header_parameters"), QJsonArray::fromStringList(message.headerParameters)},
                        {str("parameters"), QJsonArray::fromStringList(message.bodyParameters)}});
    }
    QJsonArray buttons;
    for (const OutboundButton &button : message.buttons) {
        QJsonObject entry{{str("index"), button.index},
                          {str("sub_type"), button.subType},
                          {str("payload"), button.payload}};
        if (!button.text.isEmpty())
            entry.insert(str("text"), button.text);
        buttons.append(entry);
    }
    json.insert(str("buttons"), buttons);
    return json;
}

QJsonObject controlErrorBody(const QString &message)
{
    return QJsonObject{{str("error"), message}};
}

} // namespace handover::sim
