#include "sim/controlformat.h"

#include "sim/customercontent.h"
#include "sim/jsonfields.h"
#include "sim/latin1.h"
#include "sim/richinbound.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace handover::sim {

namespace {

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
    if (!readOptionalString(object, str("profile_name"), &message.profileName))
        return missing(str("profile_name"), str("a string when given"));
    if (!readOptionalString(object, str("wa_message_id"), &message.waMessageId))
        return missing(str("wa_message_id"), str("a string when given"));
    if (!optionalTimestamp(object, &message.timestamp))
        return missing(str("timestamp"), str("unix seconds when given"));

    const QJsonValue text = object.value(str("text"));
    if (!text.isUndefined() && !text.isNull()) {
        message.text = text.toString();
        if (message.text.isEmpty())
            return missing(str("text"), str("a non-empty string"));
    }
    const QJsonValue button = object.value(str("button"));
    if (!button.isUndefined() && !button.isNull()) {
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
    }
    if (const Result<void> rich = readRichInbound(object, message); !rich)
        return rich.error();
    if (const Result<QString> kind = customerMessageKind(message); !kind)
        return kind.error();
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
        return missing(str("status"), str("one of sent, delivered, read, played, failed"));
    if (!optionalTimestamp(object, &status.timestamp))
        return missing(str("timestamp"), str("unix seconds when given"));

    const QJsonValue error = object.value(str("error"));
    if (error.isString()) {
        status.error = StatusError{131000, error.toString(), {}, {}, {}};
    } else if (error.isObject()) {
        const QJsonObject detail = error.toObject();
        const QJsonValue code = detail.value(str("code"));
        if (!code.isUndefined() && !code.isDouble())
            return missing(str("error.code"), str("a number when given"));
        StatusError given{code.toInt(131000), {}, {}, {}, {}};
        if (!readOptionalString(detail, str("title"), &given.title) ||
            !readOptionalString(detail, str("message"), &given.message) ||
            !readOptionalString(detail, str("details"), &given.details) ||
            !readOptionalString(detail, str("href"), &given.href))
            return missing(str("error.title"), str("a string when given, as are message, details and href"));
        status.error = given;
    } else if (!error.isUndefined() && !error.isNull()) {
        return missing(str("error"),
                       str("a string or an object {code, title, message, details, href} when given"));
    }
    const QJsonValue pricing = object.value(str("pricing"));
    if (pricing.isObject()) {
        const QJsonObject fields = pricing.toObject();
        StatusPricing given;
        const QJsonValue billable = fields.value(str("billable"));
        if (!billable.isUndefined() && !billable.isBool())
            return missing(str("pricing.billable"), str("a boolean when given"));
        if (!readOptionalString(fields, str("pricing_model"), &given.pricingModel) ||
            !readOptionalString(fields, str("type"), &given.type) ||
            !readOptionalString(fields, str("category"), &given.category))
            return missing(str("pricing.category"),
                           str("a string when given, as are pricing_model and type"));
        if (billable.isBool())
            given.billable = billable.toBool();
        status.pricing = given; // empty strings are filled with the simulator's defaults
    } else if (!pricing.isUndefined() && !pricing.isNull()) {
        return missing(str("pricing"), str("an object {billable, pricing_model, category} when given"));
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
    if (!readOptionalString(*parsed, str("waba_id"), &phone.wabaId))
        return missing(str("waba_id"), str("a string when given"));
    if (!readOptionalString(*parsed, str("verified_name"), &registration.verifiedName))
        return missing(str("verified_name"), str("a string when given"));
    QString token;
    if (!readOptionalString(*parsed, str("access_token"), &token))
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
        QJsonObject tpl{{str("name"), message.templateName},
                        {str("language"), message.templateLanguage},
                        {str("header_parameters"), QJsonArray::fromStringList(message.headerParameters)},
                        {str("parameters"), QJsonArray::fromStringList(message.bodyParameters)}};
        if (!message.bodyParameterNames.isEmpty())
            tpl.insert(str("parameter_names"), QJsonArray::fromStringList(message.bodyParameterNames));
        if (message.headerMedia)
            tpl.insert(str("header_media"), outboundMediaJson(*message.headerMedia));
        json.insert(str("template"), tpl);
    }
    if (message.media)
        json.insert(str("media"), outboundMediaJson(*message.media));
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

QJsonObject outboundMediaJson(const OutboundMedia &media)
{
    QJsonObject json{{str("type"), media.kind}};
    insertUnlessEmpty(json, "id", media.id);
    insertUnlessEmpty(json, "link", media.link);
    insertUnlessEmpty(json, "caption", media.caption);
    insertUnlessEmpty(json, "filename", media.filename);
    insertUnlessEmpty(json, "mime_type", media.mimeType);
    insertUnlessEmpty(json, "sha256", QString::fromLatin1(media.sha256.toHex()));
    if (media.fileSize >= 0)
        json.insert(str("file_size"), media.fileSize);
    return json;
}

Result<MediaFault> parseMediaFaultRequest(const QByteArray &body)
{
    const Result<QJsonObject> parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    static const QStringList known = {str("media_id"), str("target"), str("fail_times"), str("status"),
                                      str("corrupt")};
    for (const QString &key : parsed->keys()) {
        if (!known.contains(key))
            return Error::make(ErrorCode::ValidationFailed,
                               QStringLiteral("Unknown field ") + key + QStringLiteral("; the fields are ") +
                                   known.join(QStringLiteral(", ")) + QLatin1Char('.'),
                               {key});
    }
    MediaFault fault;
    if (!readOptionalString(*parsed, str("media_id"), &fault.mediaId))
        return missing(str("media_id"), str("a string when given (without it: the next media created)"));
    QString target = str("download");
    if (!readOptionalString(*parsed, str("target"), &target) ||
        (target != QLatin1String("download") && target != QLatin1String("lookup")))
        return missing(str("target"), str("download or lookup when given"));
    fault.target = target == QLatin1String("lookup") ? MediaFaultTarget::Lookup : MediaFaultTarget::Download;
    const QJsonValue times = parsed->value(str("fail_times"));
    if (!times.isUndefined()) {
        const double count = times.toDouble(-1);
        if (!times.isDouble() || count < 1 || count > kMaxMediaFaultTimes || count != std::floor(count))
            return missing(str("fail_times"),
                           QStringLiteral("a whole number from 1 to %1 when given").arg(kMaxMediaFaultTimes));
        fault.failTimes = static_cast<int>(count);
    }
    const QJsonValue corrupt = parsed->value(str("corrupt"));
    if (!corrupt.isUndefined() && !corrupt.isBool())
        return missing(str("corrupt"), str("a boolean when given"));
    fault.corrupt = corrupt.toBool(false);
    const QJsonValue status = parsed->value(str("status"));
    if (!status.isUndefined()) {
        const double code = status.toDouble(-1);
        if (fault.corrupt)
            return Error::make(ErrorCode::ValidationFailed,
                               str("A fault answers with a status or with corrupt bytes, not both."),
                               {str("status"), str("corrupt")});
        if (!status.isDouble() || code < 400 || code > 599 || code != std::floor(code))
            return missing(str("status"), str("an HTTP error status from 400 to 599 when given"));
        fault.httpStatus = static_cast<int>(code);
    }
    return fault;
}

QJsonObject mediaFaultJson(const MediaFault &fault)
{
    QJsonObject json{
        {str("media_id"), fault.mediaId.isEmpty() ? QJsonValue() : QJsonValue(fault.mediaId)},
        {str("target"), fault.target == MediaFaultTarget::Lookup ? str("lookup") : str("download")},
        {str("fail_times"), fault.failTimes}};
    if (fault.corrupt)
        json.insert(str("corrupt"), true);
    else
        json.insert(str("status"), fault.httpStatus);
    return json;
}

QJsonObject controlErrorBody(const QString &message)
{
    return QJsonObject{{str("error"), message}};
}

} // namespace handover::sim
