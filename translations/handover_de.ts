<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>BubbleMedia</name>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Arriving from WhatsApp…</source>
        <translation>Kommt von WhatsApp…</translation>
    </message>
    <message>
        <source>Could not be fetched from WhatsApp</source>
        <translation>Konnte nicht von WhatsApp geholt werden</translation>
    </message>
    <message>
        <source>Could not be loaded. Click to try again.</source>
        <translation>Konnte nicht geladen werden. Klicke für einen neuen Versuch.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Download failed. Click to try again.</source>
        <translation>Herunterladen fehlgeschlagen. Klicke für einen neuen Versuch.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>%1 · Open</source>
        <translation>%1 · Öffnen</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>%1 · Download</source>
        <translation>%1 · Herunterladen</translation>
    </message>
</context>
<context>
    <name>BubbleRich</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Open the map</source>
        <translation>Karte öffnen</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Chose the button</source>
        <translation>Hat die Schaltfläche gewählt</translation>
    </message>
    <message>
        <source>Chose from the list</source>
        <translation>Hat aus der Liste gewählt</translation>
    </message>
    <message>
        <source>⚠ WhatsApp does not pass this kind of message on to businesses. Ask the customer to send it another way.</source>
        <translation>⚠ WhatsApp leitet diese Art von Nachricht nicht an Unternehmen weiter. Bitte den Kunden, sie auf anderem Weg zu senden.</translation>
    </message>
</context>
<context>
    <name>ChatroomSpokenText</name>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n ungelesen</numerusform>
            <numerusform>%n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>awaiting handover</source>
        <translation>wartet auf Übergabe</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
</context>
<context>
    <name>ComposerMode</name>
    <message>
        <source>No chatroom is open.</source>
        <translation>Kein Chatroom geöffnet.</translation>
    </message>
    <message>
        <source>This chatroom is deactivated: nothing can be sent to it.</source>
        <translation>Dieser Chatroom ist deaktiviert: Es kann nichts mehr gesendet werden.</translation>
    </message>
    <message>
        <source>This chatroom has expired: nothing can be sent to it.</source>
        <translation>Dieser Chatroom ist abgelaufen: Es kann nichts mehr gesendet werden.</translation>
    </message>
    <message>
        <source>The 24-hour window closes in %1.</source>
        <translation>Das 24-Stunden-Fenster schließt sich in %1.</translation>
    </message>
    <message>
        <source>You are not a participant in this chatroom: only templates can be sent.</source>
        <translation>Du bist nicht an diesem Chatroom beteiligt: Es können nur Vorlagen gesendet werden.</translation>
    </message>
    <message>
        <source>The customer has not written yet: only templates can be sent.</source>
        <translation>Der Kunde hat noch nicht geschrieben: Es können nur Vorlagen gesendet werden.</translation>
    </message>
    <message>
        <source>The 24-hour window closed %1 ago: only templates can be sent.</source>
        <translation>Das 24-Stunden-Fenster hat sich vor %1 geschlossen: Es können nur Vorlagen gesendet werden.</translation>
    </message>
</context>
<context>
    <name>ConversationText</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n Min.</numerusform>
            <numerusform>%n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n Std.</numerusform>
            <numerusform>%n Std.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n T.</numerusform>
            <numerusform>%n T.</numerusform>
        </translation>
    </message>
    <message>
        <source>Handed over to %1: the customer wrote a message</source>
        <translation>An %1 übergeben: Der Kunde hat eine Nachricht geschrieben</translation>
    </message>
    <message>
        <source>Handed over to %1: the customer tapped “%2”</source>
        <translation>An %1 übergeben: Der Kunde hat auf „%2“ getippt</translation>
    </message>
    <message>
        <source>Reassigned to %1</source>
        <translation>An %1 neu zugewiesen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Handed over to you: the customer wrote a message.</source>
        <translation>An dich übergeben: Der Kunde hat eine Nachricht geschrieben.</translation>
    </message>
    <message>
        <source>Handed over to you: the customer tapped a button.</source>
        <translation>An dich übergeben: Der Kunde hat auf einen Button getippt.</translation>
    </message>
    <message>
        <source>Handed over to you: the customer tapped “%1”.</source>
        <translation>An dich übergeben: Der Kunde hat auf „%1“ getippt.</translation>
    </message>
    <message>
        <source>Reassigned to you.</source>
        <translation>Dir neu zugewiesen.</translation>
    </message>
    <message>
        <source>Assigned to you when it was created.</source>
        <translation>Dir beim Erstellen zugewiesen.</translation>
    </message>
    <message>
        <source>Assigned to you (%1).</source>
        <translation>Dir zugewiesen (%1).</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>An agent</source>
        <translation>Ein Agent</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoCatalog</name>
    <message>
        <source>Nordhaus Furniture (demo)</source>
        <translation>Nordhaus Möbel (Demo)</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>Empfang</translation>
    </message>
</context>
<context>
    <name>LocalMode</name>
    <message>
        <source>Demo admin</source>
        <translation>Demo-Admin</translation>
    </message>
</context>
<context>
    <name>LocalWebhookReceiver</name>
    <message>
        <source>webhook-id, webhook-timestamp or webhook-signature missing</source>
        <translation>webhook-id, webhook-timestamp oder webhook-signature fehlt</translation>
    </message>
    <message>
        <source>webhook-timestamp is not a number</source>
        <translation>webhook-timestamp ist keine Zahl</translation>
    </message>
    <message>
        <source>webhook-timestamp is more than 5 minutes away</source>
        <translation>webhook-timestamp liegt mehr als 5 Minuten daneben</translation>
    </message>
    <message>
        <source>no secret to verify with</source>
        <translation>kein Secret zum Prüfen</translation>
    </message>
    <message>
        <source>no signature matches</source>
        <translation>keine Signatur passt</translation>
    </message>
</context>
<context>
    <name>MessageWording</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Sticker</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>List reply</source>
        <translation>Listenantwort</translation>
    </message>
    <message>
        <source>Unsupported message</source>
        <translation>Nicht unterstützte Nachricht</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Sprachnachricht</translation>
    </message>
    <message>
        <source>Sent a photo</source>
        <translation>Hat ein Foto gesendet</translation>
    </message>
    <message>
        <source>Sent a photo: %1</source>
        <translation>Hat ein Foto gesendet: %1</translation>
    </message>
    <message>
        <source>Sent a document</source>
        <translation>Hat ein Dokument gesendet</translation>
    </message>
    <message>
        <source>Sent a document: %1</source>
        <translation>Hat ein Dokument gesendet: %1</translation>
    </message>
    <message>
        <source>Sent a voice message</source>
        <translation>Hat eine Sprachnachricht gesendet</translation>
    </message>
    <message>
        <source>Sent an audio file: %1</source>
        <translation>Hat eine Audiodatei gesendet: %1</translation>
    </message>
    <message>
        <source>Sent a video</source>
        <translation>Hat ein Video gesendet</translation>
    </message>
    <message>
        <source>Sent a video: %1</source>
        <translation>Hat ein Video gesendet: %1</translation>
    </message>
    <message>
        <source>Sent a sticker</source>
        <translation>Hat einen Sticker gesendet</translation>
    </message>
    <message>
        <source>Shared a location</source>
        <translation>Hat einen Standort geteilt</translation>
    </message>
    <message>
        <source>Shared a location: %1</source>
        <translation>Hat einen Standort geteilt: %1</translation>
    </message>
    <message>
        <source>Shared a contact</source>
        <translation>Hat einen Kontakt geteilt</translation>
    </message>
    <message>
        <source>Shared a contact: %1</source>
        <translation>Hat einen Kontakt geteilt: %1</translation>
    </message>
    <message>
        <source>Chose “%1”</source>
        <translation>Hat „%1“ gewählt</translation>
    </message>
    <message>
        <source>Sent a message that cannot be shown here</source>
        <translation>Hat eine Nachricht gesendet, die hier nicht angezeigt werden kann</translation>
    </message>
</context>
<context>
    <name>handover::AttachmentStrip</name>
    <message>
        <source>Remove the attachment</source>
        <translation>Anhang entfernen</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>%1 %2 · %3</source>
        <translation>%1 %2 · %3</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>Wird hochgeladen…</translation>
    </message>
</context>
<context>
    <name>handover::BoardColumnView</name>
    <message>
        <source>Awaiting handover</source>
        <translation>Wartet auf Übergabe</translation>
    </message>
    <message>
        <source>Unknown user</source>
        <translation>Unbekannter Benutzer</translation>
    </message>
    <message>
        <source>Waiting for an agent</source>
        <translation>Wartet auf einen Agenten</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message numerus="yes">
        <source>%n chatroom(s)</source>
        <translation>
            <numerusform>%n Chatroom</numerusform>
            <numerusform>%n Chatrooms</numerusform>
        </translation>
    </message>
    <message>
        <source>Chatrooms of %1</source>
        <translation>Chatrooms von %1</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message numerus="yes">
        <source>Group of %n agent(s)</source>
        <translation>
            <numerusform>Gruppe mit %n Agent</numerusform>
            <numerusform>Gruppe mit %n Agenten</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop chatrooms here to give each to the group&apos;s least busy agent.</source>
        <translation>Zieh Chatrooms hierher, um jeden dem am wenigsten ausgelasteten Agenten der Gruppe zu geben.</translation>
    </message>
</context>
<context>
    <name>handover::BoardMessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>Hinweis schließen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Hinweis</translation>
    </message>
</context>
<context>
    <name>handover::ChatroomDelegate</name>
    <message>
        <source>handover</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>lautlos</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n Min.</numerusform>
            <numerusform>%n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n Std.</numerusform>
            <numerusform>%n Std.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n T.</numerusform>
            <numerusform>%n T.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>noch %n Min.</numerusform>
            <numerusform>noch %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h left</source>
        <translation>
            <numerusform>noch %n Std.</numerusform>
            <numerusform>noch %n Std.</numerusform>
        </translation>
    </message>
    <message>
        <source>99+</source>
        <translation>99+</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>an agent</source>
        <translation>ein Agent</translation>
    </message>
    <message>
        <source>Awaiting handover</source>
        <translation>Wartet auf Übergabe</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <source>%1: deactivated or expired; it no longer counts as waiting work.</source>
        <translation>%1: deaktiviert oder abgelaufen; zählt nicht mehr als wartende Arbeit.</translation>
    </message>
    <message>
        <source>%1: the customer&apos;s 24-hour window; free replies until it ends, then templates only.</source>
        <translation>%1: das 24-Stunden-Fenster des Kunden; bis es endet, freie Antworten, danach nur Vorlagen.</translation>
    </message>
    <message>
        <source>%1: the automation handed the chatroom over and it waits for an agent to take it.</source>
        <translation>%1: Die Automatisierung hat den Chatroom übergeben, und er wartet darauf, dass ein Agent ihn übernimmt.</translation>
    </message>
    <message>
        <source>%1: the last message came from the automation without notifying anyone or moving the chatroom up.</source>
        <translation>%1: Die letzte Nachricht kam von der Automatisierung, ohne jemanden zu benachrichtigen oder den Chatroom nach oben zu holen.</translation>
    </message>
</context>
<context>
    <name>handover::ChatroomListPane</name>
    <message>
        <source>Mine</source>
        <translation>Meine</translation>
    </message>
    <message>
        <source>Awaiting handover</source>
        <translation>Wartet auf Übergabe</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>No chatroom matches “%1”.</source>
        <translation>Kein Chatroom passt zu „%1“.</translation>
    </message>
    <message>
        <source>No chatrooms are assigned to you yet.
Handed over chatrooms appear here.</source>
        <translation>Dir sind noch keine Chatrooms zugewiesen.
An dich übergebene Chatrooms erscheinen hier.</translation>
    </message>
    <message>
        <source>No chatroom is waiting for an agent.</source>
        <translation>Kein Chatroom wartet auf einen Agenten.</translation>
    </message>
    <message>
        <source>No chatrooms yet.</source>
        <translation>Noch keine Chatrooms.</translation>
    </message>
    <message>
        <source>Search by name or phone (Ctrl+F)</source>
        <translation>Nach Name oder Telefonnummer suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search chatrooms</source>
        <translation>Chatrooms durchsuchen</translation>
    </message>
    <message>
        <source>Chatroom views</source>
        <translation>Chatroom-Ansichten</translation>
    </message>
    <message>
        <source>Chatrooms</source>
        <translation>Chatrooms</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>Closed (%1)</source>
        <translation>Geschlossen (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Closed chatrooms: %n</source>
        <translation>
            <numerusform>Geschlossene Chatrooms: %n</numerusform>
            <numerusform>Geschlossene Chatrooms: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>No open chatrooms. Closed ones are below.</source>
        <translation>Keine offenen Chatrooms. Geschlossene stehen darunter.</translation>
    </message>
    <message>
        <source>Closed chatrooms</source>
        <translation>Geschlossene Chatrooms</translation>
    </message>
    <message>
        <source>Deactivated and expired chatrooms: they can be read, nothing can be sent to them, and they count in no badge.</source>
        <translation>Deaktivierte und abgelaufene Chatrooms: Du kannst sie lesen, aber nichts mehr an sie senden, und sie zählen in keinem Zähler mit.</translation>
    </message>
</context>
<context>
    <name>handover::ChatroomListView</name>
    <message>
        <source>Chatroom list</source>
        <translation>Chatroom-Liste</translation>
    </message>
    <message>
        <source>No chatroom selected</source>
        <translation>Kein Chatroom ausgewählt</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>Ausgewählt: %1</translation>
    </message>
    <message numerus="yes">
        <source>↑ %n updated above</source>
        <translation>
            <numerusform>↑ %n weiter oben aktualisiert</numerusform>
            <numerusform>↑ %n weiter oben aktualisiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>handover::Composer</name>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Templates…</source>
        <translation>Vorlagen…</translation>
    </message>
    <message>
        <source>Send a template</source>
        <translation>Vorlage senden</translation>
    </message>
    <message>
        <source>Choose a template to send (Ctrl+T)</source>
        <translation>Vorlage zum Senden auswählen (Strg+T)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Nachricht schreiben</translation>
    </message>
    <message>
        <source>The message could not be stored: %1</source>
        <translation>Die Nachricht konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Send (Enter; Shift+Enter starts a new line)</source>
        <translation>Senden (Eingabetaste; Umschalt+Eingabetaste beginnt eine neue Zeile)</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Senden (Strg+Eingabetaste)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>Too long for one WhatsApp message: %n character(s) over the limit of %1. Shorten it or send it in two parts.</source>
        <translation>
            <numerusform>Zu lang für eine WhatsApp-Nachricht: %n Zeichen über der Grenze von %1. Kürze sie oder sende sie in zwei Teilen.</numerusform>
            <numerusform>Zu lang für eine WhatsApp-Nachricht: %n Zeichen über der Grenze von %1. Kürze sie oder sende sie in zwei Teilen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Anhängen…</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Datei anhängen</translation>
    </message>
    <message>
        <source>Attach a photo or a file to send (Ctrl+Shift+A), or drop one here</source>
        <translation>Ein Foto oder eine Datei zum Senden anhängen (Strg+Umschalt+A) oder hier ablegen</translation>
    </message>
    <message>
        <source>Files cannot be sent from here.</source>
        <translation>Von hier können keine Dateien gesendet werden.</translation>
    </message>
    <message>
        <source>Files can be sent only while free text can: %1</source>
        <translation>Dateien können nur gesendet werden, solange freier Text möglich ist: %1</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
    </message>
    <message>
        <source>%1 is %2: WhatsApp takes pictures of at most %3.</source>
        <translation>%1 ist %2 groß: WhatsApp nimmt Bilder bis höchstens %3.</translation>
    </message>
    <message>
        <source>%1 is %2: WhatsApp takes audio and video of at most %3.</source>
        <translation>%1 ist %2 groß: WhatsApp nimmt Audio und Video bis höchstens %3.</translation>
    </message>
    <message>
        <source>%1 is %2: WhatsApp takes files of at most %3.</source>
        <translation>%1 ist %2 groß: WhatsApp nimmt Dateien bis höchstens %3.</translation>
    </message>
    <message>
        <source>The upload did not reach the server. Send tries again.</source>
        <translation>Das Hochladen hat den Server nicht erreicht. „Senden“ versucht es erneut.</translation>
    </message>
    <message>
        <source>The server takes no file this large.</source>
        <translation>Der Server nimmt keine so große Datei an.</translation>
    </message>
    <message>
        <source>The server is busy with other uploads. Send tries again.</source>
        <translation>Der Server ist mit anderen Uploads beschäftigt. „Senden“ versucht es erneut.</translation>
    </message>
    <message>
        <source>The upload failed: %1 Send tries again.</source>
        <translation>Das Hochladen ist fehlgeschlagen: %1 „Senden“ versucht es erneut.</translation>
    </message>
    <message>
        <source>Uploaded. Send sends it; your text goes as a message after it.</source>
        <translation>Hochgeladen. „Senden“ sendet die Datei; dein Text geht danach als eigene Nachricht.</translation>
    </message>
    <message>
        <source>Uploaded. Send sends it with your text as its caption.</source>
        <translation>Hochgeladen. „Senden“ sendet die Datei mit deinem Text als Bildunterschrift.</translation>
    </message>
    <message>
        <source>Uploading… It is sent as soon as the upload is done.</source>
        <translation>Wird hochgeladen… Die Datei wird gesendet, sobald das Hochladen fertig ist.</translation>
    </message>
    <message>
        <source>The file could not be stored for sending: %1</source>
        <translation>Die Datei konnte nicht zum Senden gespeichert werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>A caption can have at most %1 characters; this one has %n too many. Shorten it, or send the file first and the words after it.</source>
        <translation>
            <numerusform>Eine Bildunterschrift darf höchstens %1 Zeichen haben; diese hat %n Zeichen zu viel. Kürze sie oder sende zuerst die Datei und danach den Text.</numerusform>
            <numerusform>Eine Bildunterschrift darf höchstens %1 Zeichen haben; diese hat %n Zeichen zu viel. Kürze sie oder sende zuerst die Datei und danach den Text.</numerusform>
        </translation>
    </message>
    <message>
        <source>One file at a time: %1 is attached, the others were left out.</source>
        <translation>Eine Datei auf einmal: %1 ist angehängt, die anderen wurden weggelassen.</translation>
    </message>
</context>
<context>
    <name>handover::ConnectionIndicator</name>
    <message>
        <source>Connected, catching up</source>
        <translation>Verbunden, wird aktualisiert</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>Neuer Verbindungsversuch in %n s</numerusform>
            <numerusform>Neuer Verbindungsversuch in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n queued</source>
        <translation>
            <numerusform>%1, %n in der Warteschlange</numerusform>
            <numerusform>%1, %n in der Warteschlange</numerusform>
        </translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Verbindung: %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
</context>
<context>
    <name>handover::ConversationDelegate</name>
    <message>
        <source>Template %1</source>
        <translation>Vorlage %1</translation>
    </message>
    <message>
        <source>%1 · template %2</source>
        <translation>%1 · Vorlage %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>wird gesendet…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
</context>
<context>
    <name>handover::ConversationFeed</name>
    <message>
        <source>Some of this conversation could not be read from the local cache.</source>
        <translation>Ein Teil dieser Unterhaltung konnte nicht aus dem lokalen Cache gelesen werden.</translation>
    </message>
    <message>
        <source>The chatroom could not be marked read: %1</source>
        <translation>Der Chatroom konnte nicht als gelesen markiert werden: %1</translation>
    </message>
</context>
<context>
    <name>handover::ConversationHeader</name>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>Dismiss the notice</source>
        <translation>Hinweis schließen</translation>
    </message>
    <message>
        <source>Participants: %1</source>
        <translation>Beteiligt: %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Awaiting handover</source>
        <translation>Wartet auf Übergabe</translation>
    </message>
    <message>
        <source>No participants</source>
        <translation>Niemand beteiligt</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>The customer has not written yet</source>
        <translation>Der Kunde hat noch nicht geschrieben</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>Fenster: %1</translation>
    </message>
    <message>
        <source>Window closed %1 ago</source>
        <translation>Fenster vor %1 geschlossen</translation>
    </message>
    <message>
        <source>No chatroom open</source>
        <translation>Kein Chatroom geöffnet</translation>
    </message>
</context>
<context>
    <name>handover::ConversationModel</name>
    <message>
        <source>Template %1</source>
        <translation>Vorlage %1</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>you</source>
        <translation>dich</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>An earlier template message</source>
        <translation>Eine frühere Vorlagennachricht</translation>
    </message>
    <message>
        <source>could not be fetched from WhatsApp</source>
        <translation>konnte nicht von WhatsApp geholt werden</translation>
    </message>
</context>
<context>
    <name>handover::ConversationPane</name>
    <message>
        <source>Choose a chatroom to see its conversation.</source>
        <translation>Wähle einen Chatroom, um die Unterhaltung zu sehen.</translation>
    </message>
    <message>
        <source>The message could not be queued again: %1</source>
        <translation>Die Nachricht konnte nicht erneut in die Warteschlange gestellt werden: %1</translation>
    </message>
    <message>
        <source>The message could not be taken back: %1</source>
        <translation>Die Nachricht konnte nicht zurückgeholt werden: %1</translation>
    </message>
    <message>
        <source>No application could open %1.</source>
        <translation>Keine Anwendung konnte %1 öffnen.</translation>
    </message>
</context>
<context>
    <name>handover::ConversationView</name>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Edit in the composer</source>
        <translation>Im Eingabefeld bearbeiten</translation>
    </message>
</context>
<context>
    <name>handover::DesktopNotifier</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>handover::LoginDialog</name>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation>Der Server ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>The email or the password is wrong.</source>
        <translation>E-Mail-Adresse oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>Too many attempts: try again in a minute.</source>
        <translation>Zu viele Versuche: Versuch es in einer Minute noch einmal.</translation>
    </message>
    <message>
        <source>The server refused to sign you in: %1</source>
        <translation>Der Server hat die Anmeldung abgelehnt: %1</translation>
    </message>
    <message>
        <source>Connect to a Handover server</source>
        <translation>Mit einem Handover-Server verbinden</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, for example https://handover.example.com.</source>
        <translation>Gib die Adresse des Servers ein, zum Beispiel https://handover.example.com.</translation>
    </message>
    <message>
        <source>Enter your email and password.</source>
        <translation>Gib deine E-Mail-Adresse und dein Passwort ein.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
</context>
<context>
    <name>handover::MainWindow</name>
    <message>
        <source>admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Handover: %1</source>
        <translation>Handover: %1</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Angemeldet als %1 (%2)</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>About Handover</source>
        <translation>Über Handover</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>S&amp;witch user</source>
        <translation>Benutzer &amp;wechseln</translation>
    </message>
    <message>
        <source>&amp;Connect to a server…</source>
        <translation>Mit Server &amp;verbinden…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Chats</source>
        <translation>&amp;Chats</translation>
    </message>
    <message>
        <source>Supervisor &amp;board</source>
        <translation>Supervisor-&amp;Board</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Next chatroom</source>
        <translation>&amp;Nächster Chatroom</translation>
    </message>
    <message>
        <source>&amp;Previous chatroom</source>
        <translation>&amp;Vorheriger Chatroom</translation>
    </message>
    <message>
        <source>Next &amp;unread chatroom</source>
        <translation>Nächster &amp;ungelesener Chatroom</translation>
    </message>
    <message>
        <source>&amp;Search chatrooms</source>
        <translation>Chatrooms &amp;durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Write a message</source>
        <translation>Nachricht &amp;schreiben</translation>
    </message>
    <message>
        <source>Send a &amp;template…</source>
        <translation>Vor&amp;lage senden…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Handover</source>
        <translation>Über &amp;Handover</translation>
    </message>
    <message>
        <source>Show Handover</source>
        <translation>Handover anzeigen</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Handover %1&lt;/h3&gt;&lt;p&gt;The agent console for WhatsApp Business chat automation.&lt;/p&gt;&lt;p&gt;Press F1 for the keyboard shortcuts.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Handover %1&lt;/h3&gt;&lt;p&gt;Die Agenten-Konsole für die Chat-Automatisierung mit WhatsApp Business.&lt;/p&gt;&lt;p&gt;Drück F1 für die Tastenkürzel.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Chatroom list</source>
        <translation>Chatroom-Liste</translation>
    </message>
    <message>
        <source>Up, Down, Page Up, Page Down, Home, End</source>
        <translation>Hoch, Runter, Bild auf, Bild ab, Pos1, Ende</translation>
    </message>
    <message>
        <source>Move through the list; the chatroom opens</source>
        <translation>Durch die Liste gehen; der Chatroom öffnet sich</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Open the chatroom and write to it</source>
        <translation>Chatroom öffnen und darin schreiben</translation>
    </message>
    <message>
        <source>Search box</source>
        <translation>Suchfeld</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <source>Go to the results and open the first</source>
        <translation>Zu den Ergebnissen gehen und das erste öffnen</translation>
    </message>
    <message>
        <source>Open the first result and write to it</source>
        <translation>Das erste Ergebnis öffnen und darin schreiben</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Shift+Enter</source>
        <translation>Umschalt+Eingabe</translation>
    </message>
    <message>
        <source>Start a new line</source>
        <translation>Neue Zeile beginnen</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Strg+Eingabe</translation>
    </message>
    <message>
        <source>Send the message, whatever Enter does (see Settings)</source>
        <translation>Nachricht senden, egal was die Eingabetaste tut (siehe Einstellungen)</translation>
    </message>
    <message>
        <source>Supervisor board</source>
        <translation>Supervisor-Board</translation>
    </message>
    <message>
        <source>Reassign the selected cards</source>
        <translation>Ausgewählte Karten neu zuweisen</translation>
    </message>
    <message>
        <source>Open the selected card&apos;s chatroom</source>
        <translation>Chatroom der ausgewählten Karte öffnen</translation>
    </message>
    <message>
        <source>Attach a &amp;file…</source>
        <translation>Datei &amp;anhängen…</translation>
    </message>
</context>
<context>
    <name>handover::MediaViewer</name>
    <message>
        <source>Photo viewer</source>
        <translation>Fotoanzeige</translation>
    </message>
    <message>
        <source>The photo could not be downloaded.</source>
        <translation>Das Foto konnte nicht heruntergeladen werden.</translation>
    </message>
    <message>
        <source>The photo could not be read.</source>
        <translation>Das Foto konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Loading the photo…</source>
        <translation>Foto wird geladen…</translation>
    </message>
</context>
<context>
    <name>handover::NotificationCenter</name>
    <message>
        <source>Handed over to you: the customer wrote to the bot.</source>
        <translation>An dich übergeben: Der Kunde hat dem Bot geschrieben.</translation>
    </message>
    <message>
        <source>Reassigned to you by a supervisor.</source>
        <translation>Dir von einem Supervisor neu zugewiesen.</translation>
    </message>
    <message>
        <source>A new chatroom was assigned to you.</source>
        <translation>Dir wurde ein neuer Chatroom zugewiesen.</translation>
    </message>
    <message>
        <source>Now yours: %1</source>
        <translation>Jetzt bei dir: %1</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Neue Nachricht</translation>
    </message>
    <message numerus="yes">
        <source>Handover: %n unread</source>
        <translation>
            <numerusform>Handover: %n ungelesen</numerusform>
            <numerusform>Handover: %n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>Tapped “%1”</source>
        <translation>Hat „%1“ getippt</translation>
    </message>
    <message>
        <source>Handed over to you: the customer tapped “%1”.</source>
        <translation>An dich übergeben: Der Kunde hat „%1“ getippt.</translation>
    </message>
    <message>
        <source>Handed over to you: the customer wrote “%1”.</source>
        <translation>An dich übergeben: Der Kunde schrieb „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>%n chatroom(s) need you</source>
        <translation>
            <numerusform>%n Chatroom braucht dich</numerusform>
            <numerusform>%n Chatrooms brauchen dich</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %n more</source>
        <translation>
            <numerusform>%1, %2 und %n weiterer</numerusform>
            <numerusform>%1, %2 und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Handed over to you. %1</source>
        <translation>An dich übergeben. %1</translation>
    </message>
</context>
<context>
    <name>handover::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Sprache des Systems</translation>
    </message>
    <message>
        <source>Show desktop notifications</source>
        <translation>Desktop-Benachrichtigungen anzeigen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Session:</source>
        <translation>Sitzung:</translation>
    </message>
    <message>
        <source>&amp;Enter sends a message (Shift+Enter starts a new line)</source>
        <translation>&amp;Eingabetaste sendet die Nachricht (Umschalt+Eingabetaste beginnt eine neue Zeile)</translation>
    </message>
    <message>
        <source>Off: Enter starts a new line and Ctrl+Enter sends.</source>
        <translation>Aus: Die Eingabetaste beginnt eine neue Zeile, Strg+Eingabetaste sendet.</translation>
    </message>
</context>
<context>
    <name>handover::ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Was sie tun</translation>
    </message>
</context>
<context>
    <name>handover::SupervisorBoard</name>
    <message>
        <source>Reassign to…</source>
        <translation>Neu zuweisen an…</translation>
    </message>
    <message>
        <source>Supervisor board</source>
        <translation>Supervisor-Board</translation>
    </message>
    <message>
        <source>Agents&apos; columns</source>
        <translation>Spalten der Agenten</translation>
    </message>
    <message>
        <source>The supervisor board is for supervisors and administrators.</source>
        <translation>Das Supervisor-Board ist für Supervisoren und Administratoren.</translation>
    </message>
    <message>
        <source>The chatrooms could not be read: %1</source>
        <translation>Die Chatrooms konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The agents could not be loaded: %1</source>
        <translation>Die Agenten konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The board is not connected to a server.</source>
        <translation>Das Board ist mit keinem Server verbunden.</translation>
    </message>
    <message>
        <source>These chatrooms belong to another organization.</source>
        <translation>Diese Chatrooms gehören zu einer anderen Organisation.</translation>
    </message>
    <message>
        <source>The agents have not been loaded yet. Try again in a moment.</source>
        <translation>Die Agenten sind noch nicht geladen. Versuch es gleich noch einmal.</translation>
    </message>
    <message>
        <source>%1 is not one of the organization&apos;s users.</source>
        <translation>%1 gehört nicht zu den Benutzern der Organisation.</translation>
    </message>
    <message>
        <source>Chatrooms are reassigned to agents only; %1 is an administrator.</source>
        <translation>Chatrooms können nur Agenten zugewiesen werden; %1 ist Administrator.</translation>
    </message>
    <message>
        <source>Chatrooms are reassigned to agents only; %1 is a supervisor.</source>
        <translation>Chatrooms können nur Agenten zugewiesen werden; %1 ist Supervisor.</translation>
    </message>
    <message>
        <source>“%1” is already with %2.</source>
        <translation>„%1“ ist bereits bei %2.</translation>
    </message>
    <message>
        <source>These chatrooms are already with %1.</source>
        <translation>Diese Chatrooms sind bereits bei %1.</translation>
    </message>
    <message>
        <source>Reassigning “%1” to %2…</source>
        <translation>„%1“ wird %2 zugewiesen…</translation>
    </message>
    <message numerus="yes">
        <source>Reassigning %n chatroom(s) to %1…</source>
        <translation>
            <numerusform>%n Chatroom wird %1 zugewiesen…</numerusform>
            <numerusform>%n Chatrooms werden %1 zugewiesen…</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” could not be reassigned to %2: %3</source>
        <translation>„%1“ konnte %2 nicht zugewiesen werden: %3</translation>
    </message>
    <message>
        <source>“%1” is now with %2.</source>
        <translation>„%1“ ist jetzt bei %2.</translation>
    </message>
    <message>
        <source>Reassign to</source>
        <translation>Neu zuweisen an</translation>
    </message>
    <message>
        <source>No agents</source>
        <translation>Keine Agenten</translation>
    </message>
    <message>
        <source>%1 (online)</source>
        <translation>%1 (online)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>A chatroom cannot be put back to await handover. Drop it on an agent&apos;s or a group&apos;s column.</source>
        <translation>Ein Chatroom kann nicht zurück zu „Wartet auf Übergabe“. Zieh ihn in die Spalte eines Agenten oder einer Gruppe.</translation>
    </message>
    <message>
        <source>The board does not know this group.</source>
        <translation>Das Board kennt diese Gruppe nicht.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Putting “%1” back with %2…</source>
        <translation>„%1“ geht zurück an %2 …</translation>
    </message>
    <message numerus="yes">
        <source>Putting %n chatroom(s) back…</source>
        <translation>
            <numerusform>%n Chatroom geht zurück …</numerusform>
            <numerusform>%n Chatrooms gehen zurück …</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” could not be put back: %2</source>
        <translation>„%1“ konnte nicht zurückgegeben werden: %2</translation>
    </message>
    <message>
        <source>%1 (group)</source>
        <translation>%1 (Gruppe)</translation>
    </message>
</context>
<context>
    <name>handover::TemplateDialog</name>
    <message>
        <source>Send a template</source>
        <translation>Vorlage senden</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the template</source>
        <translation>Vorlage senden</translation>
    </message>
    <message>
        <source>Loading templates…</source>
        <translation>Vorlagen werden geladen…</translation>
    </message>
    <message>
        <source>The templates could not be loaded: %1</source>
        <translation>Die Vorlagen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No template can be sent: ask an admin to add or enable one.</source>
        <translation>Es kann keine Vorlage gesendet werden: Bitte einen Admin, eine hinzuzufügen oder zu aktivieren.</translation>
    </message>
    <message>
        <source>No template chosen</source>
        <translation>Keine Vorlage ausgewählt</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>This template has nothing to fill in.</source>
        <translation>Bei dieser Vorlage gibt es nichts auszufüllen.</translation>
    </message>
    <message>
        <source>Fill in every parameter to send.</source>
        <translation>Füll alle Parameter aus, um zu senden.</translation>
    </message>
    <message>
        <source>The template could not be stored: %1</source>
        <translation>Die Vorlage konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Move to the top of the agent&apos;s list</source>
        <translation>In der Liste des Agenten nach oben holen</translation>
    </message>
    <message>
        <source>API flag: bump. Off, the message is silent: nobody is notified and no list moves.</source>
        <translation>API-Flag: bump. Aus: Die Nachricht ist still, niemand wird benachrichtigt und keine Liste bewegt sich.</translation>
    </message>
    <message>
        <source>Move to the top again when the customer answers</source>
        <translation>Wieder nach oben holen, wenn der Kunde antwortet</translation>
    </message>
    <message>
        <source>API flag: bump_response. Off, the customer&apos;s tap on a button moves nothing.</source>
        <translation>API-Flag: bump_response. Aus: Tippt der Kunde auf einen Button, bewegt sich nichts.</translation>
    </message>
    <message>
        <source>Send the customer&apos;s answer to the automation</source>
        <translation>Die Antwort des Kunden an die Automatisierung senden</translation>
    </message>
    <message>
        <source>API flag: relay_response. On, a tap on a button goes to the org&apos;s webhook and does not hand the chatroom over to an agent.</source>
        <translation>API-Flag: relay_response. An: Ein Tippen auf einen Button geht an den Webhook der Organisation und übergibt den Chatroom keinem Agenten.</translation>
    </message>
    <message>
        <source>the customer&apos;s first name</source>
        <translation>Vorname des Kunden</translation>
    </message>
    <message>
        <source>the customer&apos;s last name</source>
        <translation>Nachname des Kunden</translation>
    </message>
    <message>
        <source>the customer&apos;s CRM id</source>
        <translation>CRM-ID des Kunden</translation>
    </message>
    <message>
        <source>the customer&apos;s phone number</source>
        <translation>Telefonnummer des Kunden</translation>
    </message>
    <message>
        <source>the customer&apos;s name</source>
        <translation>Name des Kunden</translation>
    </message>
    <message>
        <source>the agent&apos;s first name</source>
        <translation>Vorname des Agenten</translation>
    </message>
    <message>
        <source>the agent&apos;s last name</source>
        <translation>Nachname des Agenten</translation>
    </message>
    <message>
        <source>the agent&apos;s email</source>
        <translation>E-Mail des Agenten</translation>
    </message>
    <message>
        <source>filled in by the server</source>
        <translation>vom Server ausgefüllt</translation>
    </message>
</context>
<context>
    <name>handover::console::ConsoleController</name>
    <message>
        <source>Local mode could not start: %1</source>
        <translation>Der lokale Modus konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Local mode: demo org</source>
        <translation>Lokaler Modus: Demo-Organisation</translation>
    </message>
    <message>
        <source>Webhook deliveries</source>
        <translation>Webhook-Zustellungen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Your session has ended: sign in again.</source>
        <translation>Deine Sitzung ist abgelaufen: Melde dich erneut an.</translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation>Der Server war nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Signing in failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The local cache could not be opened: %1</source>
        <translation>Der lokale Cache konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Local mode signs in by itself.</source>
        <translation>Im lokalen Modus erfolgt die Anmeldung automatisch.</translation>
    </message>
    <message>
        <source>No keychain service answers, so your session is kept in a file only you can read: %1</source>
        <translation>Kein Schlüsselbund-Dienst antwortet, daher wird deine Sitzung in einer Datei gespeichert, die nur du lesen kannst: %1</translation>
    </message>
    <message>
        <source>Your session is kept in the system keychain.</source>
        <translation>Deine Sitzung wird im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Handover</translation>
    </message>
</context>
<context>
    <name>handover::console::DemoCustomers</name>
    <message>
        <source>%1 wrote: %2</source>
        <translation>%1 hat geschrieben: %2</translation>
    </message>
    <message>
        <source>%1 tapped &quot;%2&quot;</source>
        <translation>%1 hat auf „%2“ getippt</translation>
    </message>
</context>
<context>
    <name>handover::console::DemoDriver</name>
    <message>
        <source>Automation sent %1 a silent order update</source>
        <translation>Die Automatisierung hat %1 lautlos ein Bestell-Update gesendet</translation>
    </message>
    <message>
        <source>Automation sent %1 an appointment reminder; the answer is relayed</source>
        <translation>Die Automatisierung hat %1 eine Terminerinnerung gesendet; die Antwort wird weitergeleitet</translation>
    </message>
    <message>
        <source>Automation sent %1 a silent survey; the answer is relayed</source>
        <translation>Die Automatisierung hat %1 lautlos eine Umfrage gesendet; die Antwort wird weitergeleitet</translation>
    </message>
    <message>
        <source>The bot greeted %1, who is waiting for an agent</source>
        <translation>Der Bot hat %1 begrüßt; %1 wartet auf einen Agenten</translation>
    </message>
    <message>
        <source>%1 is a new lead again, waiting for the bot</source>
        <translation>%1 ist wieder ein neuer Lead und wartet auf den Bot</translation>
    </message>
</context>
<context>
    <name>handover::console::WebhookDeliveriesPanel</name>
    <message>
        <source>“%1” on %2</source>
        <translation>„%1“ in %2</translation>
    </message>
    <message>
        <source>✔ signed</source>
        <translation>✔ signiert</translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
    <message>
        <source>Taps on relayed template buttons go to the automation&apos;s webhook instead of an agent (R5). The demo&apos;s receiver shows what arrived.</source>
        <translation>Tippt jemand auf einen weitergeleiteten Vorlagen-Button, geht das an den Webhook der Automatisierung statt an einen Agenten (R5). Der Empfänger der Demo zeigt, was angekommen ist.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>Webhook deliveries</source>
        <translation>Webhook-Zustellungen</translation>
    </message>
    <message>
        <source>%1 (retry)</source>
        <translation>%1 (erneuter Versuch)</translation>
    </message>
</context>
</TS>
