package io.github.dismagent.agent.cli;

import io.github.dismagent.agent.security.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * {@code java -jar dismagent.jar hash-password [--iterations N]}: asks for a password (twice, not
 * echoed, at a terminal; one line from standard input otherwise, for scripts) and prints the value
 * for {@code httpPasswordHash}. The password is never an argument, so that it stays out of the
 * shell's history and the process list.
 */
final class HashPassword {
    static final String USAGE = "hash-password [--iterations N]";

    private HashPassword() {
    }

    static int run(String[] args, Console console, InputStream in, PrintStream out, PrintStream err) {
        int iterations = PasswordHash.DEFAULT_ITERATIONS;
        if (args.length == 3 && args[1].equals("--iterations")) {
            try {
                iterations = Integer.parseInt(args[2]);
            } catch (NumberFormatException e) {
                err.println("--iterations needs a whole number, e.g. --iterations " + PasswordHash.DEFAULT_ITERATIONS);
                return 2;
            }
        } else if (args.length != 1) {
            err.println("usage: java -jar dismagent.jar " + USAGE + " (the password is asked for, never given as an argument)");
            return 2;
        }
        char[] password = null;
        try {
            password = console != null ? askTwice(console) : firstLine(in);
            if (password == null) {
                err.println("The two passwords differ; nothing was hashed.");
                return 1;
            }
            if (password.length == 0) {
                err.println("An empty password is not accepted.");
                return 1;
            }
            out.println(PasswordHash.of(password, iterations, new SecureRandom()).encoded());
            err.println("Give this to dismagent as httpPasswordHash (with httpUser), e.g. in its config file.");
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("The password could not be read: " + e.getMessage());
            return 1;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static char[] askTwice(Console console) {
        char[] first = console.readPassword("Password for the dismagent HTTP endpoint: ");
        char[] second = console.readPassword("The same again: ");
        if (first == null || second == null) {
            return new char[0];
        }
        try {
            return Arrays.equals(first, second) ? first.clone() : null;
        } finally {
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
        }
    }

    private static char[] firstLine(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
