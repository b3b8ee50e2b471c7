; Consensus with identities, crash faults: 4 processes, at most 2 faulty, 3 rounds. Processes know
; their index and who sent each message, so a coordinator can rotate (from(round - 1)).
(set-info :processes 4)
(set-info :faulty 2)
(set-info :faults crash)
(set-info :rounds 3)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 2)
(set-info :round-aware true)
(set-info :identities true)
(set-info :expect realizable)

; Correct processes decide alike.
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
; If every process starts with v, every correct process decides v.
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))

(assert agreement)
(assert validity)
