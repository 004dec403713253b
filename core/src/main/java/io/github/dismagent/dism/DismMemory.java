package io.github.dismagent.dism;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What DISM hands back and must get back through {@code DismDelete}: its last-error message, and frees. On the DISM thread only. */
final class DismMemory {
    private static final Logger log = LoggerFactory.getLogger(DismSession.class);

    private DismMemory() {
    }

    /** DISM's last-error message for this thread; empty when DISM has none or cannot give it. */
    static String lastErrorMessage(DismApiLibrary api) {
        PointerByReference message = new PointerByReference();
        int hresult = api.DismGetLastErrorMessage(message);
        Pointer dismString = message.getValue();
        if (!HResult.succeeded(hresult) || dismString == null) {
            return "";
        }
        try {
            String text = Utf16.read(Pointer.nativeValue(dismString.getPointer(0)));
            return text == null ? "" : text;
        } catch (Utf16.MalformedStringException e) {
            return "(DISM's message was unreadable: " + e.getMessage() + ")";
        } finally {
            delete(api, dismString, "DismGetLastErrorMessage");
        }
    }

    static void delete(DismApiLibrary api, Pointer structure, String from) {
        int hresult = api.DismDelete(structure);
        if (!HResult.succeeded(hresult)) {
            log.warn("DismDelete of what {} returned failed: {}; that memory stays allocated", from, HResult.describe(hresult, ""));
        }
    }
}
