package io.github.dismagent.jmx;

import java.util.Date;
import javax.management.MXBean;

/** {@code <jmxDomain>:type=MountedImage,path=<quoted mount path>}: one mounted image (docs/reference.md, "MountedImage attributes"). */
@MXBean
@Description("One mounted Windows image, as DISM reports it. Registered while the image is mounted.")
public interface MountedImageMBean {

    @Description("The mount directory")
    String getMountPath();

    @Description("The .wim, .vhd or .vhdx file the image comes from")
    String getImageFilePath();

    @Description("The index of the image in its file")
    int getImageIndex();

    @Description("ReadWrite or ReadOnly")
    String getMountMode();

    @Description("Ok, NeedsRemount or Invalid (Unknown(n) for a status this version does not know)")
    String getStatus();

    @Description("When dismagent first saw the image with this status")
    Date getStatusSince();

    @Description("The result of the last remount dismagent tried on this image, with its time and trigger; empty when none")
    String getLastRemountResult();

    @Description("What to do about this image's status, with its path filled in; empty when it is Ok")
    String getAdvice();

    @Description("The mount-changing operation running on this image, with DISM's progress when it reports one, e.g. unmount 45%; "
            + "empty when none")
    String getOperation();

    @Description("Remounts this image if it is in NeedsRemount; answers with a one-line result")
    @Impact
    String remount();

    @Description("Unmounts this image and throws away every change made in the mount, whatever its status; refused unless dismagent "
            + "runs with allowUnmount=true. Answers with the result, or after callTimeout that it is still running")
    @Impact
    String unmountDiscard();
}
