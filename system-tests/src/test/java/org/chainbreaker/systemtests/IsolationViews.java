package org.chainbreaker.systemtests;

import static org.chainbreaker.systemtests.IsolationChecks.*;
import static org.chainbreaker.systemtests.IsolationModel.*;
import static org.chainbreaker.systemtests.IsolationSteps.*;
import static org.chainbreaker.systemtests.TenantIsolationPropertyTest.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.chainbreaker.systemtests.Faces.Face;

/**
 * The checker of one sequence, its base: the records the sequence made (which its steps choose
 * from), its trace, and what the views of every family share: one check per country in parallel, a
 * complete listing compared with the model. The views themselves, each family compared with the
 * model: {@link IsolationCaseViews}, {@link IsolationNoticeViews}, {@link
 * IsolationRepatriationViews}, and the periodic reads of everything ({@link IsolationSweepViews}).
 */
abstract class IsolationViews {

    final int sequence;
    final List<Step> steps;
    final List<CaseM> cases = new ArrayList<>();
    final List<WantedM> wanted = new ArrayList<>();
    final List<OpM> ops = new ArrayList<>();
    final List<LeadM> leads = new ArrayList<>();
    final List<RepM> reps = new ArrayList<>();
    final List<String> trace = new ArrayList<>();
    int index;

    IsolationViews(int sequence, List<Step> steps) {
        this.sequence = sequence;
        this.steps = steps;
    }

    /**
     * A complete listing holds every record the model lets the viewer see, each once, and none
     * other it knows.
     */
    void compareListing(
            String viewer, String what, List<String> listed, Map<String, Boolean> model) {
        expect(
                new HashSet<>(listed).size() == listed.size(),
                "the listing of " + what + " by " + viewer + " repeats records");
        Set<String> expected = new HashSet<>();
        model.forEach(
                (id, visible) -> {
                    if (visible) {
                        expected.add(id);
                    }
                });
        Set<String> known = new HashSet<>(listed);
        known.retainAll(model.keySet());
        Set<String> leaked = new HashSet<>(known);
        leaked.removeAll(expected);
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(known);
        expect(leaked.isEmpty(), viewer + " lists " + what + " it may not see: " + leaked);
        expect(missing.isEmpty(), viewer + " misses " + what + " it may see: " + missing);
        expect(
                known.size() == expected.size(),
                "count of "
                        + what
                        + " listed by "
                        + viewer
                        + ": "
                        + known.size()
                        + ", the model "
                        + expected.size());
    }

    /**
     * Runs one view check per country in parallel (reads only, so the outcome does not depend on
     * the order).
     */
    void checkEveryone(java.util.function.Consumer<String> check) {
        List<Future<?>> futures = new ArrayList<>();
        for (String t : TENANTS) {
            futures.add(checkers.submit(() -> check.accept(t)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof Violation v) {
                    throw v;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Face faceFor(String tenant) {
        return (index + TENANTS.indexOf(tenant)) % 2 == 0 ? Face.REST : Face.GRPC;
    }

    void trace(String line) {
        trace.add(index + ": " + line);
    }
}
