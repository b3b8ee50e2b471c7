import Foundation

/// The names and the job script of a split's directory (docs/cubes.md).
enum CubeFiles {
    /// `cube-007`: the stem of cube `index`'s files (`.smt2`, `.protocol`, `.json`).
    static func name(_ index: Int) -> String { "cube-" + String(format: "%03d", index) }

    /// Whether a file of that name is one a split or its tasks write (`cubes.sbatch`, a cube's
    /// `.smt2`, `.json` or `.protocol`, a Slurm task's output).
    static func belongsToASplit(_ name: String) -> Bool {
        name == "cubes.sbatch" || (name.hasPrefix("slurm-") && name.hasSuffix(".out"))
            || (name.hasPrefix("cube-") && [".smt2", ".json", ".protocol"].contains { name.hasSuffix($0) })
    }

    /// Single-quoted for bash.
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// The Slurm job-array script: task `SLURM_ARRAY_TASK_ID` runs `ggms synthesize` on its
    /// cube with `arguments`, writing its protocol and record into `directory`. Exit status 0
    /// for every answer (found, none in this cube, inconclusive: `ggms merge` reads them from the
    /// records), the run's own for a failure (usage, input, internal), so Slurm marks only those
    /// tasks failed. `GGMS` overrides the executable at run time.
    static func sbatch(specName: String, cubes: Int, directory: String, executable: String, arguments: [String]) -> String {
        """
        #!/bin/bash
        # ggms: the \(cubes) cubes of \(specName), one Slurm array task each (written by ggms split).
        # Submit: sbatch cubes.sbatch   By hand: SLURM_ARRAY_TASK_ID=3 bash cubes.sbatch
        # Then: ggms merge \(directory)
        #SBATCH --job-name=ggms-\(specName)
        #SBATCH --array=0-\(cubes - 1)
        #SBATCH --ntasks=1
        #SBATCH --cpus-per-task=1
        #SBATCH --output=\(directory)/slurm-%A_%a.out
        set -u
        dir=\(quoted(directory))
        ggms="${GGMS:-\(executable.replacingOccurrences(of: "\"", with: "\\\""))}"
        task="${SLURM_ARRAY_TASK_ID-}"
        case $task in ''|*[!0-9]*|??????????*) echo "cubes.sbatch: SLURM_ARRAY_TASK_ID is '$task'; expected the cube to run, 0 to \(cubes - 1)" >&2; exit 64 ;; esac
        (( 10#$task < \(cubes) )) || { echo "cubes.sbatch: SLURM_ARRAY_TASK_ID is $task; expected the cube to run, 0 to \(cubes - 1)" >&2; exit 64; }
        cube="cube-$(printf '%03d' "$((10#$task))")"
        export OPENBLAS_NUM_THREADS=1
        "$ggms" synthesize "$dir/$cube.smt2" --output "$dir/$cube.protocol" --quiet \(arguments.map(quoted).joined(separator: " "))
        status=$?
        case $status in 0|1|3) exit 0 ;; *) exit "$status" ;; esac

        """
    }
}
