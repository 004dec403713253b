package io.github.dismagent.jmx;

import java.util.Date;
import javax.management.MXBean;

/** {@code <jmxDomain>:type=DismImages}: DISM's mount table on this machine (docs/reference.md, "DismImages attributes"). */
@MXBean
@Description("The Windows images mounted on this machine, as DISM reports them, read by dismagent. Images in NeedsRemount "
        + "(typically after a reboot) can be remounted from here; Invalid ones need an unmount with discard, then cleanupMountpoints.")
public interface DismImagesMBean {

    @Description("True when DISM was initialised and the last refresh of the mount table succeeded; false shows the last good "
            + "table with the reason in LastError")
    boolean isAvailable();

    @Description("The DISM library in use, with its path and file version where known")
    String getBackend();

    @Description("Every mounted image as last read: MountPath, ImageFilePath, ImageIndex, MountMode, Status, StatusSince")
    MountedImageRow[] getMountedImages();

    @Description("How many images are mounted")
    int getMountedCount();

    @Description("How many mounted images are Ok")
    int getOkCount();

    @Description("How many mounted images need a remount (remount or remountAll repairs them)")
    int getNeedsRemountCount();

    @Description("How many mounted images are Invalid (unmount with discard, then cleanupMountpoints); a status unknown to this "
            + "version counts here too")
    int getInvalidCount();

    @Description("When the mount table was last read successfully; empty before the first read")
    Date getLastRefresh();

    @Description("The last DISM failure, with its HRESULT as 0xXXXXXXXX NAME: message; empty when the last refresh succeeded")
    String getLastError();

    @Description("How often the mount table is read, e.g. 30s; writable (500ms, 30s, 5m, 1h; from 100ms to 24h)")
    String getRefreshInterval();

    void setRefreshInterval(String interval);

    @Description("Whether images found in NeedsRemount are remounted without an operator, with backoff; writable")
    boolean isAutoRemount();

    void setAutoRemount(boolean autoRemount);

    @Description("A warning when more than 20 images are mounted (Microsoft's guidance for one machine); empty otherwise")
    String getMountLimitWarning();

    @Description("Where Prometheus scrapes these metrics, e.g. http://127.0.0.1:9781/metrics, or why there is no endpoint")
    String getHttpEndpoint();

    @Description("Reads the mount table now and answers with a one-line summary")
    @Impact
    String refresh();

    @Description("Remounts one image in NeedsRemount and answers with a one-line result; refuses Ok, Invalid and unknown paths "
            + "without touching DISM")
    @Impact
    String remount(@Name("mountPath") @Description("The image's mount directory as MountedImages shows it, e.g. C:\\Mount\\win11; "
            + "case and / or \\ do not matter") String mountPath);

    @Description("Remounts every image in NeedsRemount, one after the other; one line per image")
    @Impact
    String remountAll();

    @Description("Removes the mount points of Invalid images (DismCleanupMountpoints); refused unless dismagent runs with allowCleanup=true")
    @Impact
    String cleanupMountpoints();

    @Description("Unmounts the image and throws away every change made in the mount (DismUnmountImage with DISM_DISCARD_IMAGE), "
            + "whatever its status; refused unless dismagent runs with allowUnmount=true. Answers with the result, or after callTimeout "
            + "that it is still running (progress in the image's Operation attribute, result in a dismagent.unmount notification)")
    @Impact
    String unmountDiscard(@Name("mountPath") @Description("The image's mount directory as MountedImages shows it, e.g. C:\\Mount\\win11; "
            + "case and / or \\ do not matter") String mountPath);
}
