; Early-deciding consensus, crash faults: every correct process decides by round faults+1 (faults = how many actually crash); n = 3, F = 1, R = F+1.
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

; Correct processes decide alike.
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
; If every process starts with v, every process that decides decides v.
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (decided i) (= (decision i) v))))))
; Every correct process decides (with early decision the spec says so itself).
(define-fun termination () Bool
  (forall ((i Proc)) (=> (correct i) (decided i))))
; Decide by round faults+1.
(define-fun early () Bool
  (forall ((i Proc)) (=> (correct i) (<= (decision-round i) (+ faults 1)))))

(assert agreement)
(assert validity)
(assert termination)
(assert early)
