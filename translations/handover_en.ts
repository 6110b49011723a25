<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ChatroomSpokenText</name>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationText</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>handover::BoardColumnView</name>
    <message numerus="yes">
        <source>%n chatroom(s)</source>
        <translation>
            <numerusform>%n chatroom</numerusform>
            <numerusform>%n chatrooms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group of %n agent(s)</source>
        <translation>
            <numerusform>Group of %n agent</numerusform>
            <numerusform>Group of %n agents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>handover::ChatroomDelegate</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>%n min left</numerusform>
            <numerusform>%n min left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h left</source>
        <translation>
            <numerusform>%n h left</numerusform>
            <numerusform>%n h left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>handover::ChatroomListPane</name>
    <message numerus="yes">
        <source>Closed chatrooms: %n</source>
        <translation>
            <numerusform>Closed chatrooms: %n</numerusform>
            <numerusform>Closed chatrooms: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>handover::ChatroomListView</name>
    <message numerus="yes">
        <source>↑ %n updated above</source>
        <translation>
            <numerusform>↑ %n updated above</numerusform>
            <numerusform>↑ %n updated above</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>handover::Composer</name>
    <message numerus="yes">
        <source>Too long for one WhatsApp message: %n character(s) over the limit of %1. Shorten it or send it in two parts.</source>
        <translation>
            <numerusform>Too long for one WhatsApp message: %n character over the limit of %1. Shorten it or send it in two parts.</numerusform>
            <numerusform>Too long for one WhatsApp message: %n characters over the limit of %1. Shorten it or send it in two parts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A caption can have at most %1 characters; this one has %n too many. Shorten it, or send the file first and the words after it.</source>
        <translation>
            <numerusform>A caption can have at most %1 characters; this one has %n too many. Shorten it, or send the file first and the words after it.</numerusform>
            <numerusform>A caption can have at most %1 characters; this one has %n too many. Shorten it, or send the file first and the words after it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>handover::ConnectionIndicator</name>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>Reconnecting in %n s</numerusform>
            <numerusform>Reconnecting in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n queued</source>
        <translation>
            <numerusform>%1, %n queued</numerusform>
            <numerusform>%1, %n queued</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>handover::NotificationCenter</name>
    <message numerus="yes">
        <source>Handover: %n unread</source>
        <translation>
            <numerusform>Handover: %n unread</numerusform>
            <numerusform>Handover: %n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chatroom(s) need you</source>
        <translation>
            <numerusform>%n chatroom needs you</numerusform>
            <numerusform>%n chatrooms need you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %n more</source>
        <translation>
            <numerusform>%1, %2 and %n more</numerusform>
            <numerusform>%1, %2 and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>handover::SupervisorBoard</name>
    <message numerus="yes">
        <source>Reassigning %n chatroom(s) to %1…</source>
        <translation>
            <numerusform>Reassigning %n chatroom to %1…</numerusform>
            <numerusform>Reassigning %n chatrooms to %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Putting %n chatroom(s) back…</source>
        <translation>
            <numerusform>Putting %n chatroom back…</numerusform>
            <numerusform>Putting %n chatrooms back…</numerusform>
        </translation>
    </message>
</context>
</TS>
