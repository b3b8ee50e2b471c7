; Uniform consensus that decides in round 1 in every failure-free run; n = 3, F = 1, R = F+1. Possible for F = 1 (a process that heard everyone decides at once: only a second crash could hide its value), impossible from F = 2 on (Charron-Bost and Schiper; Keidar and Rajsbaum).
(set-info :processes 3)
(set-info :faulty 1)
(set-info :rounds 2)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 4)
(set-info :messages 2)
(set-info :round-aware true)
(set-info :early-decision true)
(set-info :expect realizable)

; Every process that decides agrees, crashed ones included.
(define-fun uniform-agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (decided i) (decided j)) (= (decision i) (decision j)))))
; If every process starts with v, every process that decides decides v.
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (decided i) (= (decision i) v))))))
; Every correct process decides (with early decision the spec says so itself).
(define-fun termination () Bool
  (forall ((i Proc)) (=> (correct i) (decided i))))
; In every failure-free run, every process decides in round 1.
(define-fun quiet-round1 () Bool
  (=> (= faults 0) (forall ((i Proc)) (<= (decision-round i) 1))))

(assert uniform-agreement)
(assert validity)
(assert termination)
(assert quiet-round1)
