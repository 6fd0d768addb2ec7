// libudev, loaded at run time with dlopen(3) so that building ampscope needs no libudev
// headers (libudev-dev): only `ampscope ports` and the serial:/usb:/by-id: selectors need the
// library, and they say so when it is missing. The declarations below are libudev's own
// (libudev.h, systemd), for the few calls Devices/Udev.swift makes; the structs stay opaque.
#ifndef AMPSCOPE_UDEV_LOADER_H
#define AMPSCOPE_UDEV_LOADER_H

struct udev;
struct udev_device;
struct udev_enumerate;
struct udev_list_entry;
struct udev_monitor;

// Loads libudev.so.1 once. Returns NULL when every call below can be made, otherwise a static
// text saying what failed (dlerror's words), for the user.
const char *ampscope_udev_load(void);

struct udev *ampscope_udev_new(void);
void *ampscope_udev_unref(struct udev *udev);

struct udev_enumerate *ampscope_udev_enumerate_new(struct udev *udev);
void *ampscope_udev_enumerate_unref(struct udev_enumerate *enumerate);
int ampscope_udev_enumerate_add_match_subsystem(struct udev_enumerate *enumerate, const char *subsystem);
int ampscope_udev_enumerate_scan_devices(struct udev_enumerate *enumerate);
struct udev_list_entry *ampscope_udev_enumerate_get_list_entry(struct udev_enumerate *enumerate);

struct udev_list_entry *ampscope_udev_list_entry_get_next(struct udev_list_entry *entry);
const char *ampscope_udev_list_entry_get_name(struct udev_list_entry *entry);
const char *ampscope_udev_list_entry_get_value(struct udev_list_entry *entry);

struct udev_device *ampscope_udev_device_new_from_syspath(struct udev *udev, const char *syspath);
void *ampscope_udev_device_unref(struct udev_device *device);
struct udev_list_entry *ampscope_udev_device_get_properties_list_entry(struct udev_device *device);
struct udev_list_entry *ampscope_udev_device_get_devlinks_list_entry(struct udev_device *device);
const char *ampscope_udev_device_get_sysname(struct udev_device *device);
const char *ampscope_udev_device_get_syspath(struct udev_device *device);
const char *ampscope_udev_device_get_devnode(struct udev_device *device);
const char *ampscope_udev_device_get_action(struct udev_device *device);
const char *ampscope_udev_device_get_driver(struct udev_device *device);
const char *ampscope_udev_device_get_sysattr_value(struct udev_device *device, const char *name);
struct udev_device *ampscope_udev_device_get_parent_with_subsystem_devtype(
    struct udev_device *device, const char *subsystem, const char *devtype);

struct udev_monitor *ampscope_udev_monitor_new_from_netlink(struct udev *udev, const char *name);
void *ampscope_udev_monitor_unref(struct udev_monitor *monitor);
int ampscope_udev_monitor_filter_add_match_subsystem_devtype(
    struct udev_monitor *monitor, const char *subsystem, const char *devtype);
int ampscope_udev_monitor_enable_receiving(struct udev_monitor *monitor);
int ampscope_udev_monitor_get_fd(struct udev_monitor *monitor);
struct udev_device *ampscope_udev_monitor_receive_device(struct udev_monitor *monitor);

#endif
