import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.VeraPDFFoundry;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.Profiles;
import org.verapdf.pdfa.validation.profiles.Rule;
import org.verapdf.pdfa.validation.profiles.RuleId;
import org.verapdf.pdfa.validation.profiles.ValidationProfile;

/**
 * Minimal veraPDF runner used by tests/verapdf_runner.py.
 *
 * Usage: java -cp CLASSPATH VeraRunner FLAVOUR[,FLAVOUR...] PDF [PDF ...]
 * Each PDF is parsed once and checked against every flavour's profile in one pass.
 * Prints one JSON object per PDF and flavour on stdout, the flavours of a file in the order given:
 *   {"file":..., "flavour":..., "profile":..., "compliant":bool,
 *    "failures":[{"rule":"<clause>-<testNumber>", "description":..., "count":N}]}
 * or, if a single file could not be validated, {"file":..., "flavour":..., "compliant":false,
 * "failures":[], "error":...}. Exit status 0 when it ran (compliant or not), 2 for bad usage
 * or an unknown flavour, 3 when a validation profile cannot be loaded (e.g. no JAXB runtime).
 */
public final class VeraRunner {
    public static void main(String[] args) throws Exception {
        // Keep stdout clean for JSON: anything a library prints goes to stderr.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length < 2) {
            System.err.println("usage: VeraRunner FLAVOUR[,FLAVOUR...] PDF [PDF ...]");
            System.exit(2);
        }
        List<String> ids = Arrays.asList(args[0].split(","));
        List<PDFAFlavour> flavours = new ArrayList<>();
        List<ValidationProfile> profiles = new ArrayList<>();
        for (String id : ids) {
            PDFAFlavour flavour = flavour(id);
            flavours.add(flavour);
            profiles.add(profile(flavour));
        }
        VeraGreenfieldFoundryProvider.initialise();
        VeraPDFFoundry foundry = Foundries.defaultInstance();
        for (int i = 1; i < args.length; i++) {
            for (String line : validate(foundry, flavours, profiles, ids, args[i])) {
                out.println(line);
            }
        }
        out.flush();
        System.exit(0);
    }

    private static PDFAFlavour flavour(String id) {
        // byFlavourId is exact; fromString is lenient and maps e.g. "wt1a" to PDF/A-1a.
        PDFAFlavour flavour = PDFAFlavour.byFlavourId(id);
        if (flavour == null || flavour == PDFAFlavour.NO_FLAVOUR) {
            System.err.println("unknown flavour: " + id
                    + " (known: " + PDFAFlavour.getFlavourIds() + ")");
            System.exit(2);
        }
        return flavour;
    }

    private static ValidationProfile profile(PDFAFlavour flavour) {
        // Profiles are unmarshalled with JAXB; when no JAXB implementation is on the
        // classpath veraPDF only logs a warning and later fails per file. Treat a missing
        // profile as "could not run" instead of reporting every PDF as non-compliant.
        ValidationProfile profile;
        try {
            profile = Profiles.getVeraProfileDirectory().getValidationProfileByFlavour(flavour);
        } catch (RuntimeException e) {
            profile = null;
        }
        if (profile == null || profile.getPDFAFlavour() != flavour) {
            System.err.println("no validation profile for flavour " + flavour.getId()
                    + (profile == null
                            ? " (not bundled, or no JAXB implementation such as Debian's"
                                    + " jaxb-runtime.jar on the classpath)"
                            : " (lookup returned " + profile.getPDFAFlavour().getId() + ")"));
            System.exit(3);
        }
        return profile;
    }

    /** One JSON line for each flavour: the file is parsed once and validated in one pass. */
    private static List<String> validate(VeraPDFFoundry foundry, List<PDFAFlavour> flavours,
                                         List<ValidationProfile> profiles, List<String> ids,
                                         String path) {
        List<String> lines = new ArrayList<>();
        try (PDFAParser parser = foundry.createParser(new File(path), flavours.get(0));
             PDFAValidator validator = foundry.createValidator(flavours)) {
            parser.setFlavours(flavours);
            List<ValidationResult> results = validator.validateAll(parser);
            for (int i = 0; i < flavours.size(); i++) {
                ValidationResult result = resultFor(results, flavours.get(i));
                lines.add(report(result, profiles.get(i), ids.get(i), path));
            }
        } catch (Throwable t) {
            lines.clear();
            for (String id : ids) {
                lines.add("{\"file\":" + q(path) + ",\"flavour\":" + q(id)
                        + ",\"compliant\":false,\"failures\":[],\"error\":" + q(t.toString()) + "}");
            }
        }
        return lines;
    }

    private static ValidationResult resultFor(List<ValidationResult> results, PDFAFlavour flavour) {
        for (ValidationResult result : results) {
            if (result.getPDFAFlavour() == flavour) {
                return result;
            }
        }
        throw new IllegalStateException("veraPDF gave no result for " + flavour.getId());
    }

    private static String report(ValidationResult result, ValidationProfile profile, String id,
                                 String path) {
        StringBuilder sb = new StringBuilder("{\"file\":").append(q(path))
                .append(",\"flavour\":").append(q(id));
        Map<String, String> descriptions = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>(VeraRunner::compareRules);
        for (Map.Entry<RuleId, Integer> e : result.getFailedChecks().entrySet()) {
            String key = ruleKey(e.getKey());
            counts.merge(key, e.getValue(), Integer::sum);
            Rule rule = profile.getRuleByRuleId(e.getKey());
            if (rule != null && rule.getDescription() != null) {
                descriptions.putIfAbsent(key, rule.getDescription().trim());
            }
        }
        // Fall back to the recorded assertions (in case getFailedChecks is empty).
        for (TestAssertion a : result.getTestAssertions()) {
            if (a.getStatus() != TestAssertion.Status.FAILED) {
                continue;
            }
            String key = ruleKey(a.getRuleId());
            if (!result.getFailedChecks().containsKey(a.getRuleId())) {
                counts.merge(key, 1, Integer::sum);
            }
            if (a.getMessage() != null) {
                descriptions.putIfAbsent(key, a.getMessage().trim());
            }
        }
        sb.append(",\"profile\":").append(q(profile.getDetails().getName()))
                .append(",\"compliant\":").append(result.isCompliant()).append(",\"failures\":[");
        boolean first = true;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            sb.append(first ? "" : ",").append("{\"rule\":").append(q(e.getKey()))
                    .append(",\"description\":").append(q(descriptions.getOrDefault(e.getKey(), "")))
                    .append(",\"count\":").append(e.getValue()).append('}');
            first = false;
        }
        return sb.append("]}").toString();
    }

    private static String ruleKey(RuleId id) {
        return id.getClause() + "-" + id.getTestNumber();
    }

    /** Orders "7.1-10" after "7.1-2" by comparing the numeric parts numerically. */
    private static int compareRules(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            try {
                c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            } catch (NumberFormatException e) {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return x.length != y.length ? Integer.compare(x.length, y.length) : a.compareTo(b);
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
