import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A host that uses DISM itself, through its own JNA (4.5.2), as a deployment tool would: it calls
 * DismInitialize before any agent is attached, keeps DISM until told to stop (the file named by
 * its argument appears), then calls its own DismShutdown and prints what it returned.
 * Usage: DismInitialisingHost <stop file>
 */
public class DismInitialisingHost {
    public interface Dism extends Library {
        int DismInitialize(int logLevel, Pointer logFilePath, Pointer scratchDirectory);

        int DismShutdown();
    }

    public static void main(String[] args) throws Exception {
        Dism dism = (Dism) Native.loadLibrary("DismAPI", Dism.class);
        System.out.println("HOST DISM INITIALIZE " + hex(dism.DismInitialize(1, null, null)) + " jna=" + Native.VERSION);
        Path stop = Path.of(args[0]);
        long deadline = System.currentTimeMillis() + 180_000;
        while (!Files.exists(stop) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        System.out.println("HOST DISM SHUTDOWN " + hex(dism.DismShutdown()));
    }

    private static String hex(int hresult) {
        return String.format("0x%08X", hresult);
    }
}
