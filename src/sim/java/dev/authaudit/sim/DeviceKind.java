package dev.authaudit.sim;

/** The kind of a customer's device; it decides when the device is on and where it is. */
enum DeviceKind { PHONE, TABLET, LAPTOP, DESKTOP }
