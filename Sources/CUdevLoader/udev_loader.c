// See udev_loader.h. Symbols are looked up in the global scope (RTLD_DEFAULT) after the
// library is loaded RTLD_GLOBAL, so an LD_PRELOADed interposer such as umockdev's is found
// first, exactly as it would be for a program linked against libudev.
#define _GNU_SOURCE
#include "udev_loader.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#define UDEV_CALLS(X) \
    X(struct udev *, udev_new, (void), ()) \
    X(void *, udev_unref, (struct udev *a), (a)) \
    X(struct udev_enumerate *, udev_enumerate_new, (struct udev *a), (a)) \
    X(void *, udev_enumerate_unref, (struct udev_enumerate *a), (a)) \
    X(int, udev_enumerate_add_match_subsystem, (struct udev_enumerate *a, const char *b), (a, b)) \
    X(int, udev_enumerate_scan_devices, (struct udev_enumerate *a), (a)) \
    X(struct udev_list_entry *, udev_enumerate_get_list_entry, (struct udev_enumerate *a), (a)) \
    X(struct udev_list_entry *, udev_list_entry_get_next, (struct udev_list_entry *a), (a)) \
    X(const char *, udev_list_entry_get_name, (struct udev_list_entry *a), (a)) \
    X(const char *, udev_list_entry_get_value, (struct udev_list_entry *a), (a)) \
    X(struct udev_device *, udev_device_new_from_syspath, (struct udev *a, const char *b), (a, b)) \
    X(void *, udev_device_unref, (struct udev_device *a), (a)) \
    X(struct udev_list_entry *, udev_device_get_properties_list_entry, (struct udev_device *a), (a)) \
    X(struct udev_list_entry *, udev_device_get_devlinks_list_entry, (struct udev_device *a), (a)) \
    X(const char *, udev_device_get_sysname, (struct udev_device *a), (a)) \
    X(const char *, udev_device_get_syspath, (struct udev_device *a), (a)) \
    X(const char *, udev_device_get_devnode, (struct udev_device *a), (a)) \
    X(const char *, udev_device_get_action, (struct udev_device *a), (a)) \
    X(const char *, udev_device_get_driver, (struct udev_device *a), (a)) \
    X(const char *, udev_device_get_sysattr_value, (struct udev_device *a, const char *b), (a, b)) \
    X(struct udev_device *, udev_device_get_parent_with_subsystem_devtype, \
      (struct udev_device *a, const char *b, const char *c), (a, b, c)) \
    X(struct udev_monitor *, udev_monitor_new_from_netlink, (struct udev *a, const char *b), (a, b)) \
    X(void *, udev_monitor_unref, (struct udev_monitor *a), (a)) \
    X(int, udev_monitor_filter_add_match_subsystem_devtype, \
      (struct udev_monitor *a, const char *b, const char *c), (a, b, c)) \
    X(int, udev_monitor_enable_receiving, (struct udev_monitor *a), (a)) \
    X(int, udev_monitor_get_fd, (struct udev_monitor *a), (a)) \
    X(struct udev_device *, udev_monitor_receive_device, (struct udev_monitor *a), (a))

#define DECLARE_POINTER(ret, name, params, args) static ret (*pointer_##name) params;
UDEV_CALLS(DECLARE_POINTER)

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[512];
static const char *load_result = load_error;

static void load(void) {
    if (!dlopen("libudev.so.1", RTLD_NOW | RTLD_GLOBAL)) {
        snprintf(load_error, sizeof load_error, "libudev.so.1 could not be loaded (%s); "
                 "on Debian and Ubuntu it comes with the package libudev1", dlerror());
        return;
    }
#define RESOLVE(ret, name, params, args) \
    pointer_##name = (ret (*) params)dlsym(RTLD_DEFAULT, #name); \
    if (!pointer_##name) { \
        snprintf(load_error, sizeof load_error, "libudev.so.1 has no %s (%s)", #name, dlerror()); \
        return; \
    }
    UDEV_CALLS(RESOLVE)
    load_result = NULL;
}

const char *ampscope_udev_load(void) {
    pthread_once(&load_once, load);
    return load_result;
}

// Only reached through a Udev instance, whose initializer loads first and throws on failure.
#define DEFINE_WRAPPER(ret, name, params, args) \
    ret ampscope_##name params { return pointer_##name args; }
UDEV_CALLS(DEFINE_WRAPPER)
